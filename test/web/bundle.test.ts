// The dashboard's client stays small: it is what every reader downloads before seeing anything.
import { buildWebBundle } from '../../scripts/build-web';

const BUDGET_GZIPPED = 150 * 1024;

test('the client bundle (script and stylesheet) is under 150 kB gzipped', async () => {
  const files = await buildWebBundle();
  expect(files.map((file) => file.name).sort()).toEqual(['app.css', 'app.js']);
  const gzipped = files.reduce((sum, file) => sum + file.gzipBytes, 0);
  console.log(`dashboard bundle: ${files.map((file) => `${file.name} ${(file.gzipBytes / 1024).toFixed(1)} kB`).join(', ')} gzipped`);
  expect(gzipped).toBeLessThan(BUDGET_GZIPPED);
});
