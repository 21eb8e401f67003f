// The labels CSV contract in the browser (video,start_frame,end_frame,label; frames inclusive at both ends), written
// byte for byte as the jobs write it (LabelsCsv: LF line ends, a field quoted only when it must be), read back with the
// line of every bad row named. Shared by the labelling page and the report's review.
const LabelsCsv = (() => {
  const HEADER = ['video', 'start_frame', 'end_frame', 'label'];

  /** A field as the jobs' CSV writer spells it: quoted when empty, when it starts with a character up to '#' or
   * ends with a space or control character, or when it holds a comma, quote or line break. */
  function field(text) {
    const value = String(text);
    const quote = value.length === 0 || value.charCodeAt(0) <= 0x23 || /[,"\r\n]/.test(value)
        || value.charCodeAt(value.length - 1) <= 0x20;
    return quote ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  /** The file's text for rows {video, start, end, label}, in the order given. */
  function write(rows) {
    let text = HEADER.join(',') + '\n';
    for (const row of rows) {
      text += [field(row.video), row.start, row.end, row.label].join(',') + '\n';
    }
    return text;
  }

  /** The records of a CSV text (RFC 4180 quoting), each with the line it starts on. */
  function records(text) {
    const out = [];
    let record = [];
    let value = '';
    let quoted = false;
    let line = 1;
    let start = 1;
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { value += '"'; i += 2; continue; }
        if (c === '"') { quoted = false; i++; continue; }
        if (c === '\n') { line++; }
        value += c;
        i++;
        continue;
      }
      if (c === '"') { quoted = true; i++; continue; }
      if (c === ',') { record.push(value); value = ''; i++; continue; }
      if (c === '\r' && text[i + 1] === '\n') { i++; continue; }
      if (c === '\n') {
        record.push(value);
        out.push({line: start, values: record});
        record = [];
        value = '';
        line++;
        start = line;
        i++;
        continue;
      }
      value += c;
      i++;
    }
    if (value.length > 0 || record.length > 0) {
      record.push(value);
      out.push({line: start, values: record});
    }
    return out.filter(r => !(r.values.length === 1 && r.values[0] === ''));
  }

  /** Rows {video, start, end, label, line} of a labels file, or {error} naming the first bad line and the fix. */
  function parse(text, source) {
    const all = records(text.replace(/^\uFEFF/, ''));
    if (all.length === 0 || all[0].values.join(',') !== HEADER.join(',')) {
      return {error: source + ' line 1: the header must be ' + HEADER.join(',')};
    }
    const rows = [];
    for (const record of all.slice(1)) {
      const v = record.values;
      const where = source + ' line ' + record.line + ': ';
      if (v.length !== 4) {
        return {error: where + 'expected 4 values (' + HEADER.join(',') + '), found ' + v.length};
      }
      if (!/^\d+$/.test(v[1]) || !/^\d+$/.test(v[2])) {
        return {error: where + 'start_frame and end_frame must be frame numbers 0 or more'};
      }
      const start = Number(v[1]);
      const end = Number(v[2]);
      if (end < start) {
        return {error: where + 'end_frame ' + end + ' must not be before start_frame ' + start};
      }
      if (v[3] !== '0' && v[3] !== '1') {
        return {error: where + 'label must be 1 (player in frame) or 0 (no player), not ' + v[3]};
      }
      rows.push({video: v[0], start, end, label: Number(v[3]), line: record.line});
    }
    return {rows};
  }

  /** Sorted ranges {start, end} with overlapping or touching ones joined. */
  function coalesce(ranges) {
    const sorted = ranges.map(r => ({start: r.start, end: r.end})).sort((a, b) => a.start - b.start || a.end - b.end);
    const out = [];
    for (const r of sorted) {
      const last = out[out.length - 1];
      if (last && r.start <= last.end + 1) {
        last.end = Math.max(last.end, r.end);
      } else {
        out.push(r);
      }
    }
    return out;
  }

  /** Offers {@code text} as a file download named {@code name}, from memory: no server involved. */
  function download(text, name) {
    const url = URL.createObjectURL(new Blob([text], {type: 'text/csv'}));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  return {write, parse, coalesce, download, field};
})();
