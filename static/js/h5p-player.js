/*
 * Boots h5p-standalone on the package named by the page's JSON config
 * (#h5p-player-config), then hands H5P's xAPI events to the bridge.
 * No inline script: the configuration comes from Django's json_script.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("h5p-player-config").textContent);
  var container = document.querySelector("[data-h5p-player]");
  var options = Object.assign({}, config.player);

  // Resume: for a signed-in learner the server puts saveFreq, user, contentUserData
  // (the saved state) and ajax.contentUserDataUrl (where H5P saves it) in config.player.

  function showError(error) {
    var message = document.querySelector("[data-h5p-player-error]");
    if (message) {
      message.hidden = false;
    }
    console.error("H5P player failed to start", error && error.message);
  }

  new window.H5PStandalone.H5P(container, options)
    .then(function () {
      // h5p-standalone creates its own iframe without a title; name it for assistive tech.
      container.querySelectorAll("iframe").forEach(function (frame) {
        frame.setAttribute("title", config.title);
      });
      if (window.H5P && window.H5P.externalDispatcher) {
        window.ReperesXapiBridge.attach(window.H5P.externalDispatcher, config);
      }
      document.body.setAttribute("data-h5p-ready", "");
    })
    .catch(showError);
})();
