// The review grid's (review-grid.tsx) rows and handle, apart from it so its hooks and parts can share
// them without importing the grid. Still exported from review-grid.tsx.

export type ReviewRow<F extends string = string> = {
  line: number;
  values: Partial<Record<F, string>>;
  errors: Partial<Record<F, string>>;
  skipped: boolean;
  /** Shown in an empty cell: what the job will use there (e.g. a generated external ID). */
  placeholders?: Partial<Record<F, string>>;
};

export type ReviewApi = {
  /** Moves focus to the first bad cell of the next row with errors (after the focused row); false when none. */
  nextError(): boolean;
};

export const hasErrors = <F extends string>(r: ReviewRow<F>) => !r.skipped && Object.keys(r.errors).length > 0;
