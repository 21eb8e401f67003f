// The labelling page: thumbnails are cut from the contact sheets beside the page (CSS sprites), ranges are kept per
// tape as sorted {start, end} of frames with a player (inclusive), and the export covers every frame of every tape.
(() => {
  const data = JSON.parse(document.getElementById('dunkclip-data').textContent);
  const every = data.every;
  const PREVIEW_SCALE = 2;
  const status = document.getElementById('status');
  const preview = document.getElementById('preview');
  const previewImage = document.getElementById('preview-image');
  const previewText = document.getElementById('preview-text');
  const tapes = data.tapes.map((tape, index) => ({...tape, index, ranges: LabelsCsv.coalesce(tape.prefilled || []),
    pending: null, thumbs: []}));
  let current = null; // {tape, frame}

  function say(text) {
    status.textContent = text;
  }

  /** The sprite of thumbnail {@code i} of a tape: its sheet and its top-left corner there. */
  function sprite(tape, i) {
    const perSheet = tape.columns * tape.rows;
    const sheet = Math.floor(i / perSheet);
    const within = i % perSheet;
    const x = tape.gap + (within % tape.columns) * (tape.thumbWidth + tape.gap);
    const y = tape.titleHeight + tape.gap + Math.floor(within / tape.columns) * (tape.thumbHeight + tape.gap);
    return {file: tape.sheets[sheet], x, y};
  }

  function paint(element, tape, i, scale) {
    const s = sprite(tape, i);
    element.style.backgroundImage = 'url("' + encodeURI(s.file) + '")';
    element.style.backgroundPosition = (-s.x * scale) + 'px ' + (-s.y * scale) + 'px';
    element.style.backgroundSize = (tape.sheetWidth * scale) + 'px auto';
    element.style.width = (tape.thumbWidth * scale) + 'px';
    element.style.height = (tape.thumbHeight * scale) + 'px';
  }

  function rangeAt(tape, frame) {
    return tape.ranges.findIndex(r => r.start <= frame && frame <= r.end);
  }

  function describeFrame(tape, frame) {
    if (frame % every === 0) {
      return tape.name + ' frame ' + frame;
    }
    const before = frame - frame % every;
    const after = Math.min(before + every, tape.frames - 1);
    return tape.name + ' frame ' + frame + ' (between thumbnails ' + before + ' and ' + after + ': '
        + (after - before - 1) + ' frames interpolated, not shown)';
  }

  function show(tape, frame) {
    current = {tape, frame};
    const thumb = Math.min(Math.floor(frame / every), tape.shown - 1);
    if (thumb >= 0) {
      paint(previewImage, tape, thumb, PREVIEW_SCALE);
    }
    const inRange = rangeAt(tape, frame);
    previewText.textContent = describeFrame(tape, frame) + (inRange >= 0 ? ' · in a marked range' : '')
        + (tape.pending !== null ? ' · entered at ' + tape.pending : '');
    preview.hidden = false;
    for (const t of tapes) {
      for (const element of t.thumbs) {
        element.classList.toggle('current', t === tape && Number(element.dataset.frame) === frame - frame % every);
      }
    }
  }

  function render(tape) {
    for (const element of tape.thumbs) {
      const frame = Number(element.dataset.frame);
      const next = Math.min(frame + every - 1, tape.frames - 1);
      const covered = tape.ranges.some(r => r.start <= next && frame <= r.end);
      element.classList.toggle('in', covered);
      element.classList.toggle('pending', tape.pending !== null && tape.pending >= frame && tape.pending <= next);
    }
    const list = tape.list;
    list.textContent = '';
    tape.ranges.forEach((range, i) => {
      const item = PageControls.removableItem('frames ' + range.start + '–' + range.end,
          'remove frames ' + range.start + '–' + range.end, () => {
            tape.ranges.splice(i, 1);
            say('Removed frames ' + range.start + '–' + range.end + ' of ' + tape.name + '.');
            render(tape);
          });
      list.append(item);
    });
    tape.count.textContent = tape.ranges.length + (tape.ranges.length === 1 ? ' range' : ' ranges');
  }

  /** "Player enters" at the current frame: the start of a range, closed by the next "leaves". */
  function enters() {
    if (!current) {
      say('Point at a thumbnail first.');
      return;
    }
    current.tape.pending = current.frame;
    say('Player enters ' + current.tape.name + ' at frame ' + current.frame + '; mark where the player leaves.');
    render(current.tape);
    show(current.tape, current.frame);
  }

  /** "Player leaves" at the current frame: the range from the pending start to here, inclusive. */
  function leaves() {
    if (!current) {
      say('Point at a thumbnail first.');
      return;
    }
    const tape = current.tape;
    if (tape.pending === null) {
      say('Mark where the player enters ' + tape.name + ' first (E or a click).');
      return;
    }
    const start = Math.min(tape.pending, current.frame);
    const end = Math.max(tape.pending, current.frame);
    tape.pending = null;
    tape.ranges = LabelsCsv.coalesce(tape.ranges.concat([{start, end}]));
    say('Marked frames ' + start + '–' + end + ' of ' + tape.name + ' (player in frame).');
    render(tape);
    show(tape, current.frame);
  }

  function move(frames) {
    if (!current) {
      return;
    }
    const tape = current.tape;
    show(tape, Math.max(0, Math.min(tape.frames - 1, current.frame + frames)));
  }

  function removeCurrent() {
    if (!current) {
      return;
    }
    const i = rangeAt(current.tape, current.frame);
    if (i >= 0) {
      const range = current.tape.ranges.splice(i, 1)[0];
      say('Removed frames ' + range.start + '–' + range.end + ' of ' + current.tape.name + '.');
      render(current.tape);
    }
  }

  function build() {
    const root = document.getElementById('tapes');
    for (const tape of tapes) {
      const section = document.createElement('section');
      section.className = 'tape';
      section.id = 'tape-' + (tape.index + 1);
      const title = document.createElement('h2');
      title.textContent = tape.name;
      tape.count = document.createElement('span');
      tape.count.className = 'count';
      title.append(' ', tape.count);
      section.append(title);
      const about = document.createElement('p');
      about.className = 'about';
      about.textContent = tape.frames + ' frames at ' + tape.fps + ' fps; every ' + every + (every === 1 ? ' frame'
          : 'th frame') + ' shown' + (every > 1 ? ', the ' + (every - 1) + ' frames between two thumbnails are'
          + ' interpolated: a mark on a thumbnail is its frame, and , / . move a mark one real frame' : '') + '.';
      section.append(about);
      if (tape.suggestions) {
        section.append(suggestions(tape));
      }
      const strip = document.createElement('div');
      strip.className = 'strip';
      for (let i = 0; i < tape.shown; i++) {
        const frame = i * every;
        const thumb = document.createElement('div');
        thumb.className = 'thumb';
        thumb.dataset.frame = String(frame);
        thumb.title = 'frame ' + frame;
        paint(thumb, tape, i, 1);
        const number = document.createElement('span');
        number.className = 'number';
        number.textContent = frame;
        thumb.append(number);
        thumb.addEventListener('mousemove', () => {
          if (!current || current.tape !== tape || current.frame - current.frame % every !== frame) {
            show(tape, frame);
          }
        });
        thumb.addEventListener('click', () => {
          show(tape, frame);
          if (tape.pending === null) {
            enters();
          } else {
            leaves();
          }
        });
        tape.thumbs.push(thumb);
        strip.append(thumb);
      }
      if (tape.shown === 0) {
        const none = document.createElement('p');
        none.className = 'problem';
        none.textContent = 'No thumbnails: the tape could not be read (see _errors.csv).';
        strip.append(none);
      }
      section.append(strip);
      tape.list = document.createElement('ol');
      tape.list.className = 'ranges';
      section.append(tape.list);
      root.append(section);
      render(tape);
    }
  }

  function suggestions(tape) {
    const s = tape.suggestions;
    const box = document.createElement('div');
    box.className = 'suggestions';
    const note = document.createElement('p');
    // A model has a threshold and unsure stretches; the people detector has neither.
    note.textContent = 'Pre-filled from ' + s.source + (s.threshold ? ' (threshold ' + s.threshold + ')' : '') + '. '
        + s.quality + (s.unsure.length ? ' Least sure first:' : '');
    box.append(note);
    if (!s.unsure.length) {
      return box;
    }
    const list = document.createElement('ol');
    list.className = 'unsure';
    for (const stretch of s.unsure) {
      const item = document.createElement('li');
      const go = document.createElement('button');
      go.type = 'button';
      go.textContent = 'frames ' + stretch.start + '–' + stretch.end + ' (score ' + stretch.score + ')';
      go.addEventListener('click', () => {
        const thumb = tape.thumbs[Math.min(Math.floor(stretch.start / every), tape.thumbs.length - 1)];
        if (thumb) {
          thumb.scrollIntoView({block: 'center'});
        }
        show(tape, stretch.start);
      });
      item.append(go);
      list.append(item);
    }
    box.append(list);
    return box;
  }

  /** Every tape, every frame: runs of 0 and 1 in frame order, as the labels format has them. */
  function exportRows() {
    const rows = [];
    for (const tape of tapes) {
      let next = 0;
      for (const r of tape.ranges) {
        const start = Math.max(r.start, 0);
        const end = Math.min(r.end, tape.frames - 1);
        if (end < start) {
          continue;
        }
        if (start > next) {
          rows.push({video: tape.name, start: next, end: start - 1, label: 0});
        }
        rows.push({video: tape.name, start, end, label: 1});
        next = end + 1;
      }
      if (next < tape.frames) {
        rows.push({video: tape.name, start: next, end: tape.frames - 1, label: 0});
      }
    }
    return rows;
  }

  function load(text, source) {
    const parsed = LabelsCsv.parse(text, source);
    if (parsed.error) {
      say('Not loaded: ' + parsed.error);
      return;
    }
    const byName = new Map(tapes.map(t => [t.name, t]));
    const unknown = parsed.rows.find(r => !byName.has(r.video));
    if (unknown) {
      say('Not loaded: ' + source + ' line ' + unknown.line + ': unknown tape ' + unknown.video + '; this page has '
          + tapes.map(t => t.name).join(', '));
      return;
    }
    const past = parsed.rows.find(r => r.end >= byName.get(r.video).frames);
    if (past) {
      say('Not loaded: ' + source + ' line ' + past.line + ': end_frame ' + past.end + ' is past the last frame '
          + (byName.get(past.video).frames - 1) + ' of ' + past.video);
      return;
    }
    const named = new Set(parsed.rows.map(r => r.video));
    for (const tape of tapes) {
      if (named.has(tape.name)) {
        tape.ranges = LabelsCsv.coalesce(parsed.rows.filter(r => r.video === tape.name && r.label === 1));
        tape.pending = null;
        render(tape);
      }
    }
    say('Loaded ' + parsed.rows.length + ' rows of ' + source + ' for ' + named.size + ' tape(s).');
  }

  document.addEventListener('keydown', event => {
    if (event.target instanceof HTMLInputElement || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const actions = {
      e: enters, E: enters, '[': enters,
      l: leaves, L: leaves, ']': leaves,
      ArrowRight: () => move(every), ArrowLeft: () => move(-every),
      '.': () => move(1), ',': () => move(-1),
      Delete: removeCurrent, Backspace: removeCurrent,
      Escape: () => {
        if (current) {
          current.tape.pending = null;
          render(current.tape);
          say('Cancelled the open mark.');
        }
      },
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
  document.getElementById('export').addEventListener('click', () => {
    LabelsCsv.download(LabelsCsv.write(exportRows()), 'labels.csv');
    say('Exported labels.csv: ' + tapes.length + ' tape(s).');
  });
  document.getElementById('load').addEventListener('change', event => {
    const file = event.target.files[0];
    if (!file) {
      return;
    }
    const reader = new FileReader();
    reader.onload = () => load(String(reader.result), file.name);
    reader.readAsText(file);
    event.target.value = '';
  });
  build();
  if (tapes.length > 0 && tapes[0].shown > 0) {
    show(tapes[0], 0);
  }
})();
