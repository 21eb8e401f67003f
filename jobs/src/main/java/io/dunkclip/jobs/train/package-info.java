/**
 * The train job: labelled frames in, a model file out, trained data-parallel on Spark with DL4J gradient sharing
 * (SharedTrainingMaster), validated per epoch on held-out tapes.
 */
package io.dunkclip.jobs.train;
