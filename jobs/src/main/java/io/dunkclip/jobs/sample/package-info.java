/** The sample command: a seeded archive of generated half-court tapes with their ground-truth labels. */
package io.dunkclip.jobs.sample;
