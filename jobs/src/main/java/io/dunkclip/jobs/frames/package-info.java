/**
 * The frames dataset that extract writes and train and detect read: its rows
 * ({@link io.dunkclip.jobs.frames.FrameRows}),
 * {@code _tapes.csv} ({@link io.dunkclip.jobs.frames.TapeTable}) and {@code _errors.csv}
 * ({@link io.dunkclip.jobs.frames.ErrorTable}), how its frames were made ({@link io.dunkclip.jobs.frames.FrameLayout}),
 * and {@link io.dunkclip.jobs.frames.FramesDataset#open}, which finishes an interrupted update first and holds the fit
 * and size checks of its readers.
 */
package io.dunkclip.jobs.frames;

