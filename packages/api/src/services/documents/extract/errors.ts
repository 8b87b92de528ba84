/** A document or address Margin will not process. The message is shown to the user as is. */
export class DocumentRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentRejected';
  }
}
