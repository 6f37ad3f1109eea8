/** Evidence checked and decoded: what the evidence columns of a history row store. */
export interface EvidenceValues {
  url: string | null;
  sourceDocumentId: number | null;
  title: string;
  publishedOn: Date;
}
