/**
 * Quality metrics for detected clips against labelled ground truth.
 *
 * <p>Owns frame-level and clip-level counts ({@link io.dunkclip.metrics.Counts}), the one-to-one
 * matching of predicted to true clips ({@link io.dunkclip.metrics.Evaluator}) and the ROC AUC of
 * per-frame scores ({@link io.dunkclip.metrics.Roc}). Pure logic.
 */
package io.dunkclip.metrics;
