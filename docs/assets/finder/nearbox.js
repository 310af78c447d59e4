/*
 * The finder's "Near a place" box: a postcode (or its first part) or the visitor's own
 * location, and a "Within" choice. Loads the postcode districts and the activities'
 * coordinates (finder/v1/districts.json, coords.json) only once a place is chosen, so
 * they cost nothing to a visitor who never uses it. The visitor's location is kept in
 * this object only: never written to the address, never sent anywhere.
 */
import { announce, getJSON } from "./util.js";
import { distances, findPlace, placeProblem, withinSet } from "./near.js";

export function NearBox(finder) {
  this.finder = finder;
  var form = finder.form;
  this.input = form.querySelector("#ch-near");
  this.problem = form.querySelector("#ch-near-problem");
  this.hereButton = form.querySelector("#ch-near-here");
  this.hereStatus = form.querySelector("#ch-near-here-status");
  this.within = form.querySelector("#ch-within");
  this.here = null;
  this.cache = { key: null, miles: null };
  this.shownProblem = "";
}

NearBox.prototype.start = function () {
  var self = this;
  if (!this.input) return this;
  this.hintIds = this.input.getAttribute("aria-describedby") || "";
  if (this.hereButton) {
    this.hereButton.addEventListener("click", function () {
      if (self.here) self.stopHere(true);
      else self.locate();
    });
  }
  // Typing a place takes over from the visitor's location.
  this.input.addEventListener("input", function () {
    if (self.here && self.input.value.trim()) self.stopHere(false);
  });
  return this;
};

NearBox.prototype.setControls = function (params) {
  if (!this.input) return;
  this.input.value = params.get("near") || "";
  var within = params.get("within") || "";
  this.within.value = Array.from(this.within.options).some(function (o) { return o.value === within; }) ? within : "";
};

NearBox.prototype.say = function (text) {
  if (!this.hereStatus) return;
  this.hereStatus.textContent = text;
  this.hereStatus.hidden = !text;
};

NearBox.prototype.locate = function () {
  var self = this;
  if (!navigator.geolocation) {
    this.say("This browser cannot share its location. Type a postcode instead.");
    announce(this.hereStatus.textContent);
    return;
  }
  this.say("Finding your location\u2026");
  navigator.geolocation.getCurrentPosition(function (position) {
    self.here = { lat: position.coords.latitude, lng: position.coords.longitude };
    self.input.value = "";
    self.hereButton.textContent = "Stop using my location";
    self.say("Sorting by distance from where you are. Your location stays in this browser: it is not sent anywhere or put in the page address.");
    self.finder.update(true);
  }, function (error) {
    var why = error && error.code === 1 ? "the browser was not allowed to share it" : "it could not be found";
    self.say("Your location was not used (" + why + "). Type a postcode instead.");
    announce(self.hereStatus.textContent);
  }, { maximumAge: 600000, timeout: 15000 });
};

// Forget the visitor's location; update: show results without it now.
NearBox.prototype.stopHere = function (update) {
  this.here = null;
  if (this.hereButton) this.hereButton.textContent = "Use my location";
  this.say("");
  if (update) this.finder.update(true);
};

NearBox.prototype.files = function (withDistricts) {
  var base = this.finder.base;
  return Promise.all([
    withDistricts ? getJSON(base + "finder/v1/districts.json") : Promise.resolve(null),
    getJSON(base + "finder/v1/coords.json"),
  ]);
};

// Where a state asks to sort from: a promise of {place: {code, lat, lng} or null
// (code null for the visitor's location), problem: text or "", miles: each activity's
// distance (NaN where none), keep: the activities "Within" keeps, or null for all}.
NearBox.prototype.resolve = function (state) {
  var self = this, none = { place: null, problem: "", miles: null, keep: null };
  if (!state.near && !state.here) return Promise.resolve(none);
  return this.files(Boolean(state.near)).then(function (loaded) {
    var place;
    if (state.near) {
      var districts = loaded[0].districts;
      place = findPlace(state.near, districts);
      if (place.error) {
        var example = self.finder.form.querySelector("#ch-near-hint");
        example = example ? (/such as ([A-Z0-9]+)/.exec(example.textContent) || [])[1] : "";
        return { place: null, problem: placeProblem(state.near, place, example), miles: null, keep: null };
      }
    } else {
      place = { code: null, lat: state.here.lat, lng: state.here.lng };
    }
    var columns = loaded[1].columns, key = place.lat + "," + place.lng;
    if (self.cache.key !== key) self.cache = { key: key, miles: distances(columns.lat, columns.lng, place) };
    var miles = self.cache.miles, finder = self.finder;
    return {
      place: place, problem: "", miles: miles,
      keep: withinSet(miles.length, miles, state.within, function (n) { return finder.isOnline(n); }),
    };
  }, function () {
    return { place: null, problem: "Sorting by distance is not available right now. The other filters still work.", miles: null, keep: null };
  });
};

// The problem beside the field (and announced), or none.
NearBox.prototype.showProblem = function (text) {
  if (!this.input) return;
  this.problem.textContent = text;
  this.problem.hidden = !text;
  if (text) {
    this.input.setAttribute("aria-invalid", "true");
    this.input.setAttribute("aria-describedby", ("ch-near-problem " + this.hintIds).trim());
  } else {
    this.input.removeAttribute("aria-invalid");
    this.input.setAttribute("aria-describedby", this.hintIds);
  }
  if (text && text !== this.shownProblem) announce(text);
  this.shownProblem = text;
};
