// The report's review: accept or reject each clip, mark where a dunk was missed on a tape's track, and export the
// corrections as a labels CSV (a rejected clip is label 0 over its frames, a missed range label 1) for
// `dunkclip train --labels labels.csv --labels corrections.csv`, where the later file overrides the earlier one.
(() => {
  const data = JSON.parse(document.getElementById('dunkclip-review').textContent);
  const status = document.getElementById('review-status');
  const verdicts = new Map();
  const tapes = data.tapes.map(tape => ({...tape, missed: [], pending: null}));

  function say(text) {
    status.textContent = text;
  }

  function key(tape, clip) {
    return tape.video + '\n' + clip.clip;
  }

  function verdictButtons(tape, clip) {
    const cell = document.getElementById('review-' + tape.number + '-' + clip.clip);
    if (!cell) {
      return;
    }
    const row = cell.closest('tr');
    const buttons = {};
    for (const verdict of ['accept', 'reject']) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = verdict;
      button.textContent = verdict;
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', () => {
        const now = verdicts.get(key(tape, clip)) === verdict ? undefined : verdict;
        if (now) {
          verdicts.set(key(tape, clip), now);
        } else {
          verdicts.delete(key(tape, clip));
        }
        for (const [name, b] of Object.entries(buttons)) {
          b.setAttribute('aria-pressed', String(name === now));
        }
        row.classList.toggle('accepted', now === 'accept');
        row.classList.toggle('rejected', now === 'reject');
        say((now ? (now === 'accept' ? 'Accepted' : 'Rejected') : 'Cleared') + ' clip ' + clip.clip + ' of '
            + tape.video + ' (frames ' + clip.start + '–' + clip.end + ').');
      });
      buttons[verdict] = button;
      cell.append(button);
    }
  }

  function percent(tape, frame) {
    return (100 * frame / tape.frames) + '%';
  }

  function band(tape, range, className) {
    const element = document.createElement('div');
    element.className = className;
    element.style.left = percent(tape, range.start);
    element.style.width = 'max(2px, ' + percent(tape, range.end - range.start + 1) + ')';
    element.title = 'frames ' + range.start + '–' + range.end;
    return element;
  }

  function drawTrack(tape) {
    tape.track.textContent = '';
    for (const clip of tape.clips) {
      tape.track.append(band(tape, clip, 'clip-band'));
    }
    for (const range of tape.missed) {
      tape.track.append(band(tape, range, 'missed-band'));
    }
    if (tape.pending !== null) {
      tape.track.append(band(tape, {start: tape.pending, end: tape.pending}, 'pending-band'));
    }
    tape.list.textContent = '';
    tape.missed.forEach((range, i) => {
      const item = PageControls.removableItem('missed dunk, frames ' + range.start + '–' + range.end,
          'remove this missed dunk', () => {
            tape.missed.splice(i, 1);
            say('Removed the missed dunk at frames ' + range.start + '–' + range.end + ' of ' + tape.video + '.');
            drawTrack(tape);
          });
      tape.list.append(item);
    });
  }

  /** The frame under the pointer: the track spans frames 0..frames-1 evenly, each a real frame number. */
  function frameAt(tape, event) {
    const box = tape.track.getBoundingClientRect();
    const fraction = (event.clientX - box.left) / box.width;
    return Math.max(0, Math.min(tape.frames - 1, Math.floor(fraction * tape.frames)));
  }

  function buildTrack(tape) {
    const holder = document.getElementById('track-' + tape.number);
    if (!holder) {
      return;
    }
    tape.track = document.createElement('div');
    tape.track.className = 'track';
    tape.track.title = 'click where a missed dunk starts, then where it ends';
    const where = document.createElement('div');
    where.className = 'track-frame';
    tape.track.addEventListener('mousemove', event => {
      where.textContent = 'frame ' + frameAt(tape, event);
    });
    tape.track.addEventListener('click', event => {
      const frame = frameAt(tape, event);
      if (tape.pending === null) {
        tape.pending = frame;
        say('Missed dunk in ' + tape.video + ' from frame ' + frame + ': click where it ends.');
      } else {
        const range = {start: Math.min(tape.pending, frame), end: Math.max(tape.pending, frame)};
        tape.pending = null;
        tape.missed = LabelsCsv.coalesce(tape.missed.concat([range]));
        say('Marked a missed dunk in ' + tape.video + ', frames ' + range.start + '–' + range.end + '.');
      }
      drawTrack(tape);
    });
    tape.list = document.createElement('ol');
    tape.list.className = 'missed';
    holder.append(tape.track, where, tape.list);
    drawTrack(tape);
  }

  /** The frames of {@code range} outside the sorted, disjoint {@code taken}. */
  function minus(range, taken) {
    const left = [];
    let next = range.start;
    for (const cut of taken) {
      if (cut.end < next || cut.start > range.end) {
        continue;
      }
      if (cut.start > next) {
        left.push({start: next, end: cut.start - 1});
      }
      next = Math.max(next, cut.end + 1);
    }
    if (next <= range.end) {
      left.push({start: next, end: range.end});
    }
    return left;
  }

  /** Rejected clips as 0 (but not where a missed dunk is marked: that mark is the later word), missed ranges as 1. */
  function corrections() {
    const rows = [];
    for (const tape of tapes) {
      for (const clip of tape.clips) {
        if (verdicts.get(key(tape, clip)) === 'reject') {
          for (const piece of minus(clip, tape.missed)) {
            rows.push({video: tape.video, start: piece.start, end: piece.end, label: 0});
          }
        }
      }
      for (const range of tape.missed) {
        rows.push({video: tape.video, start: range.start, end: range.end, label: 1});
      }
    }
    rows.sort((a, b) => (a.video < b.video ? -1 : a.video > b.video ? 1 : a.start - b.start));
    return rows;
  }

  for (const tape of tapes) {
    tape.clips.forEach(clip => verdictButtons(tape, clip));
    buildTrack(tape);
  }
  document.getElementById('export-corrections').addEventListener('click', () => {
    const rows = corrections();
    LabelsCsv.download(LabelsCsv.write(rows), 'corrections.csv');
    say('Exported corrections.csv: ' + rows.length + ' row(s).');
  });
})();
