// The admin's time zone travels to the server in a cookie, so pages show and read times in it.
(function () {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) {
        document.cookie = "lrs_tz=" + encodeURIComponent(zone) + "; path=/admin; SameSite=Strict; max-age=31536000";
    }

    // A slow query keeps the page waiting: show that something is happening.
    function busy() { document.getElementById("portal-busy").hidden = false; }
    document.addEventListener("submit", busy);
    document.addEventListener("click", function (e) {
        var link = e.target.closest && e.target.closest("a[href]");
        if (link && !link.hasAttribute("download") && link.target !== "_blank" && !e.ctrlKey && !e.metaKey) { busy(); }
    });
    window.addEventListener("pageshow", function () { document.getElementById("portal-busy").hidden = true; });
})();
