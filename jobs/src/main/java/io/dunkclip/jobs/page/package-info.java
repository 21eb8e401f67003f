/**
 * What the generated HTML pages (the labelling page, the report's review) share: their scripts and styles as resource
 * files, the labels CSV as the browser writes it, and data embedded in a page as JSON.
 */
package io.dunkclip.jobs.page;
