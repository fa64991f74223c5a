/* Map of local actors: progressive enhancement over the list, which always works alone.
 *
 * Reads the markers and the configuration from the two JSON blocks the page renders with
 * Django's json_script (no inline script). Without configured or reachable tiles the
 * markers stay on a plain background and a notice says so. Each popup links to the
 * actor's entry in the list.
 */
(function () {
    "use strict";

    function readJson(id) {
        var element = document.getElementById(id);
        return element ? JSON.parse(element.textContent) : null;
    }

    function popupContent(marker) {
        var wrapper = document.createElement("div");
        var link = document.createElement("a");
        link.href = "#" + marker.id;
        link.textContent = marker.name;
        link.addEventListener("click", function () {
            var entry = document.getElementById(marker.id);
            if (entry) {
                entry.focus();
            }
        });
        var details = document.createElement("p");
        details.textContent = marker.kind + " — " + marker.commune;
        wrapper.appendChild(link);
        wrapper.appendChild(details);
        return wrapper;
    }

    function init() {
        var section = document.querySelector("[data-map-section]");
        var markers = readJson("local-actors-markers");
        var config = readJson("local-actors-map-config") || {};
        var labels = config.labels || {};
        if (!section || !markers || !markers.length || typeof window.L === "undefined") {
            return; // the list is enough
        }
        section.hidden = false;
        var canvas = document.getElementById("carte-acteurs");
        var notice = section.querySelector("[data-map-notice]");
        var map = window.L.map(canvas, { zoomControl: false, scrollWheelZoom: false });
        window.L.control
            .zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut })
            .addTo(map);
        map.attributionControl.setPrefix(false);

        function showNotice() {
            canvas.classList.add("local-actors-map__canvas--no-tiles");
            if (notice && labels.noTiles) {
                notice.textContent = labels.noTiles;
                notice.hidden = false;
            }
        }

        if (config.tilesUrl) {
            var tiles = window.L.tileLayer(config.tilesUrl, {
                attribution: config.attribution || "",
                maxZoom: 18,
            });
            var failed = 0;
            var loaded = 0;
            tiles.on("tileload", function () {
                loaded += 1;
            });
            tiles.on("tileerror", function () {
                failed += 1;
                if (!loaded && failed >= 4) {
                    showNotice();
                }
            });
            tiles.addTo(map);
        } else {
            showNotice();
        }

        var bounds = [];
        markers.forEach(function (marker) {
            var position = [marker.lat, marker.lng];
            bounds.push(position);
            window.L.marker(position, { alt: marker.name, title: marker.name })
                .bindPopup(popupContent(marker))
                .addTo(map);
        });
        map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13 });

        // Leaflet's close button is labelled in English: say it in the page's language.
        map.on("popupopen", function (event) {
            var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
            if (close && labels.closePopup) {
                close.setAttribute("aria-label", labels.closePopup);
                close.setAttribute("title", labels.closePopup);
            }
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
