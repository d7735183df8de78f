/**
 * Collapsed rows have fixed heights (CSS clamps their content to fit), so the list never
 * has to measure them: no forced layout per row, no re-layout of 10,000 offsets after a
 * snapshot. Only expanded rows are measured. Keep in step with .todo-row in app.css.
 */
export const GROUP_HEIGHT = 34;
/** Title line, two lines of content, one line of details. */
export const ROW_HEIGHT = 98;
/** No content: the side column (time and buttons) sets the height. */
export const ROW_HEIGHT_SHORT = 66;
export const EXPANDED_ESTIMATE = 220;

export const collapsedHeight = (hasContent: boolean): number => (hasContent ? ROW_HEIGHT : ROW_HEIGHT_SHORT);
