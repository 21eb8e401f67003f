/**
 * The decisions of a training run that need no network: which epoch is kept and when patience stops the run. The
 * Spark trainer supplies the epochs; these classes only decide.
 */
package io.dunkclip.training;
