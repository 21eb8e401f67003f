/**
 * The classifier: network architectures (shared by the local and the Spark trainer), the model file that carries
 * everything detection needs, and batch scoring of decoded frames. No Spark here.
 */
package io.dunkclip.model;
