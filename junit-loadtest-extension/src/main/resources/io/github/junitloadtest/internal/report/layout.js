// What sticks out of the window, for the browser check: any element wider than it, outside a box that scrolls.
window.addEventListener('load', function () {
  var viewport = document.documentElement.clientWidth;
  var wider = [];
  Array.prototype.forEach.call(document.querySelectorAll('body *'), function (el) {
    var box = el.getBoundingClientRect();
    var scroller = el.parentElement ? el.parentElement.closest('.scroll') : null;
    if (box.right > viewport + 1 && !scroller) {
      wider.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''));
    }
  });
  document.body.setAttribute('data-overflow', wider.slice(0, 5).join(' ') || 'none');
});
