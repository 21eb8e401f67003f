/**
 * The nightly batch: every tape of an archive not yet processed with a model is detected and rendered, and each
 * tape's clips and ledger entry are committed by rename as the tape finishes, so a killed run loses at most the tapes
 * in flight and a rerun converges on exactly the result of an uninterrupted one.
 */
package io.dunkclip.jobs.nightly;
