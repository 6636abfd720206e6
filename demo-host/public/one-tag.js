/* global window, document */
/* The one-tag page's listener: every verified file, as the README's snippet shows. */
(function () {
  'use strict';
  var done = [];
  window.doneFiles = done;
  document.addEventListener('cos-upload:file-done', function (event) {
    done.push(event.detail);
    var item = document.createElement('li');
    var size = event.detail.size;
    item.textContent = event.detail.key + ' (' + size + (size === 1 ? ' byte)' : ' bytes)');
    document.getElementById('done').append(item);
  });
})();
