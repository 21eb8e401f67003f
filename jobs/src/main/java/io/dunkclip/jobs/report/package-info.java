/**
 * The HTML report of a detect run, {@code DIR/report/index.html}: per tape a score timeline with the thresholds, the
 * detected clips (and the truth when labels are given) and thumbnails of each clip's first, middle and last frame;
 * the run's metrics, timings and errors. Built by the caller of detect from detect's result while its scores are in
 * memory, or again from a detect output by the report command. Uses detect; detect does not use it.
 */
package io.dunkclip.jobs.report;
