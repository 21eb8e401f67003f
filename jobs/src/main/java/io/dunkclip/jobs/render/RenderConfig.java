package io.dunkclip.jobs.render;

/** Options of {@code dunkclip render}. */
public record RenderConfig(String clips, String input, String output) implements java.io.Serializable {}
