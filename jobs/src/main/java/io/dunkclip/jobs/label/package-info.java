/**
 * The label job: contact sheets of every Nth frame of each tape, for a person to find where a player is in frame,
 * and a labels template listing every tape, to edit into ranges for training.
 */
package io.dunkclip.jobs.label;
