/** Minimal cancellation check the service polls in long loops (LSP's token fits this shape). */
export interface CancellationCheck {
  readonly isCancellationRequested: boolean;
}
export const NEVER_CANCELLED: CancellationCheck = { isCancellationRequested: false };
