/* global window, document */
/*
 * The demo host's own script: embeds the link with the loader's JavaScript API, lists every
 * event (as text, never markup: file names come from visitors), and sends commands. The raw
 * events are also kept in window.demoEvents for the end-to-end tests.
 */
(function () {
  'use strict';
  var body = document.body;
  var list = document.getElementById('events');
  var summary = document.getElementById('summary');
  var shown = 0;
  var MAX_SHOWN = 500;
  var events = [];
  window.demoEvents = events;

  /** "1 file", "2 files": English plural rules. */
  function count(n, noun) {
    return n + ' ' + (n === 1 ? noun : noun + 's');
  }

  function words(event) {
    switch (event.type) {
      case 'ready':
        return 'link “' + event.link.title + '” is ready';
      case 'resize':
        return event.height + ' px tall';
      case 'file-added':
        return event.file.name + ' (' + count(event.file.size, 'byte') + '), ' + event.status;
      case 'progress':
        return (
          Math.round(event.total.progress * 100) +
          ' % of ' +
          count(event.total.bytes, 'byte') +
          '; ' +
          count(event.files.length, 'file') +
          ' moved'
        );
      case 'file-done':
        return (
          event.file.name +
          ' → ' +
          event.key +
          ' (' +
          count(event.size, 'byte') +
          ', CRC64 ' +
          event.crc64 +
          ')'
        );
      case 'file-failed':
        return event.file.name + ': ' + event.code + ' (' + event.message + ')';
      case 'all-done':
        return (
          event.summary.done +
          ' done, ' +
          event.summary.failed +
          ' failed, ' +
          event.summary.rejected +
          ' refused, ' +
          count(event.summary.bytes, 'byte')
        );
      case 'link-error':
        return event.code + ': ' + event.message;
      case 'metadata-set':
        return JSON.stringify(event.metadata);
      case 'command-rejected':
        return event.command + ': ' + event.message;
      default:
        return '';
    }
  }

  function log(event) {
    events.push(event);
    if (event.type === 'all-done' || event.type === 'ready' || event.type === 'link-error') {
      summary.textContent = event.type + ': ' + words(event);
    }
    var item = document.createElement('li');
    item.dataset.type = event.type;
    // The number is text in its own column, as wide as it needs: a list marker sits outside
    // the box and was clipped from 10 on (the list scrolls). Screen readers count the <ol>.
    var number = document.createElement('span');
    number.className = 'events__n';
    number.setAttribute('aria-hidden', 'true');
    number.textContent = events.length + '.';
    var text = document.createElement('span');
    var name = document.createElement('strong');
    name.textContent = event.type;
    text.append(name, ' ', words(event));
    item.append(number, text);
    list.append(item);
    if (++shown > MAX_SHOWN) list.firstElementChild.remove();
  }

  if (!window.CosUploadPortal) {
    summary.textContent = 'The loader (embed.js) did not load: is the portal running?';
    return;
  }
  var embed = window.CosUploadPortal.embed({
    link: body.dataset.link,
    target: '#upload',
    title: 'Upload your documents',
    onEvent: log,
  });
  window.demoEmbed = embed;

  function metadata() {
    var pairs = {};
    ['applicant', 'reference'].forEach(function (name) {
      var value = document.getElementById(name).value.trim();
      if (value) pairs[name] = value;
    });
    return pairs;
  }
  embed.setMetadata(metadata());
  document.getElementById('details').addEventListener('input', function () {
    embed.setMetadata(metadata());
  });

  document.getElementById('pause-all').addEventListener('click', function () {
    embed.pauseAll();
  });
  document.getElementById('resume-all').addEventListener('click', function () {
    embed.resumeAll();
  });
  document.getElementById('reset').addEventListener('click', function () {
    embed.reset();
  });
})();
