/**
 * The project's CSV files: labels (which frames show a player) and clips (what was cut).
 *
 * <p>Owns reading and writing them with line-numbered errors ({@link
 * io.dunkclip.format.CsvFormatException}), the validated view of labels ({@link
 * io.dunkclip.format.Labels}), and the check of labels against the tapes they describe, which reports every
 * problem at once ({@link io.dunkclip.format.LabelValidation}). Frame ranges in the files are inclusive at both ends,
 * as in {@link io.dunkclip.interval.FrameRange}. A header row is required; blank lines, a UTF-8 byte order mark and
 * CRLF line endings are accepted.
 */
package io.dunkclip.format;
