/**
 * How labelled frames are split into training and validation sets: by whole tapes, or by one long contiguous block
 * when there is a single tape. Never by random frames: neighbouring frames are near-duplicates and would leak.
 */
package io.dunkclip.split;
