/**
 * The two answers of an "are you sure?" question: the safe one first and focused (so Enter
 * does no harm), then the destructive one, which also closes the question.
 */
export function ConfirmButtons({
  keepLabel,
  confirmLabel,
  onKeep,
  onConfirm,
}: {
  keepLabel: string;
  confirmLabel: string;
  onKeep: () => void;
  onConfirm: () => void;
}) {
  return (
    <>
      <button type="button" className="button" autoFocus onClick={onKeep}>
        {keepLabel}
      </button>
      <button
        type="button"
        className="button button--danger"
        onClick={() => {
          onKeep();
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
    </>
  );
}
