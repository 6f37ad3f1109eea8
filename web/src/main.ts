// The dashboard's client: the server sends the shell of a page (its kind in <body data-page>), this draws it.
import 'uplot/dist/uPlot.min.css';
import './app.css';
import { commitmentPage } from './pages/commitment';
import { documentPage } from './pages/document';
import { overviewPage } from './pages/overview';
import { partnershipPage } from './pages/partnership';

const main = document.getElementById('main') as HTMLElement;
const slug = decodeURIComponent(location.pathname.split('/')[2] ?? '');

switch (document.body.dataset.page) {
  case 'overview':
    overviewPage(main);
    break;
  case 'partnership':
    partnershipPage(main, slug);
    break;
  case 'commitment':
    commitmentPage(main, slug);
    break;
  case 'document':
    documentPage(main, slug);
    break;
  default:
    document.body.dataset.state = 'ready';
}
