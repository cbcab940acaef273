-- Helpers that describe where and on what a sign-in happened, for the default detections.

-- Great-circle distance in kilometres between two points given in degrees (haversine formula,
-- mean Earth radius 6,371 km). NULL when either point is NULL.
CREATE OR REPLACE MACRO hc_distance_km(lat1, lon1, lat2, lon2) AS (
    2 * 6371.0 * asin(least(1.0, sqrt(
        pow(sin(radians(lat2 - lat1) / 2), 2)
        + cos(radians(lat1)) * cos(radians(lat2)) * pow(sin(radians(lon2 - lon1) / 2), 2)
    )))
);

-- True for coordinates a detection may trust: both present, latitude in -90..90, longitude in
-- -180..180, and not exactly 0,0, which exports write as a placeholder for "unknown".
CREATE OR REPLACE MACRO hc_valid_coordinates(lat, lon) AS (
    coalesce(
        lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180 AND NOT (lat = 0 AND lon = 0)
            AND isfinite(lat) AND isfinite(lon),
        false
    )
);

-- Operating system family from DeviceDetail.operatingSystem, else from the user agent:
-- windows, macos, ios, android, linux or chromeos. NULL when neither names one, so that an
-- unknown device never counts as a change.
CREATE OR REPLACE MACRO hc_os_family(os, agent) AS (
    CASE
        WHEN regexp_matches(lower(coalesce(os, '')), 'windows') THEN 'windows'
        WHEN regexp_matches(lower(coalesce(os, '')), 'ios|iphone|ipad') THEN 'ios'
        WHEN regexp_matches(lower(coalesce(os, '')), 'mac') THEN 'macos'
        WHEN regexp_matches(lower(coalesce(os, '')), 'android') THEN 'android'
        WHEN regexp_matches(lower(coalesce(os, '')), 'chrome ?os|cros') THEN 'chromeos'
        WHEN regexp_matches(lower(coalesce(os, '')), 'linux|ubuntu|debian|fedora') THEN 'linux'
        WHEN nullif(trim(os), '') IS NOT NULL THEN NULL
        WHEN regexp_matches(lower(coalesce(agent, '')), 'windows nt|windows') THEN 'windows'
        WHEN regexp_matches(lower(coalesce(agent, '')), 'iphone|ipad|ipod') THEN 'ios'
        WHEN regexp_matches(lower(coalesce(agent, '')), 'mac os x|macintosh') THEN 'macos'
        WHEN regexp_matches(lower(coalesce(agent, '')), 'android') THEN 'android'
        WHEN regexp_matches(lower(coalesce(agent, '')), 'cros') THEN 'chromeos'
        WHEN regexp_matches(lower(coalesce(agent, '')), 'linux|x11') THEN 'linux'
    END
);

-- Browser or client family from DeviceDetail.browser, else from the user agent. Order
-- matters, because Edge and Opera agents also name Chrome, and Chrome agents name Safari.
-- Scripted clients (python, curl, go, powershell) get their own family. Entra's "Rich Client"
-- (desktop and mobile apps) gives NULL: on one device those apps share a session with the
-- browser, so a switch between them is no sign of another device.
CREATE OR REPLACE MACRO hc_browser_family(browser, agent) AS (
    CASE
        WHEN nullif(trim(browser), '') IS NOT NULL THEN
            CASE
                WHEN regexp_matches(lower(browser), 'edge') THEN 'edge'
                WHEN regexp_matches(lower(browser), 'opera') THEN 'opera'
                WHEN regexp_matches(lower(browser), 'firefox') THEN 'firefox'
                WHEN regexp_matches(lower(browser), 'chrome') THEN 'chrome'
                WHEN regexp_matches(lower(browser), 'safari') THEN 'safari'
                WHEN regexp_matches(lower(browser), 'rich client|mobile app') THEN NULL
                WHEN regexp_matches(lower(browser), 'python') THEN 'python'
                ELSE nullif(regexp_extract(lower(trim(browser)), '^[a-z][a-z ]*[a-z]'), '')
            END
        WHEN regexp_matches(lower(coalesce(agent, '')), 'edg(e|a|ios)?/') THEN 'edge'
        WHEN regexp_matches(lower(coalesce(agent, '')), 'opr/|opera') THEN 'opera'
        WHEN regexp_matches(lower(coalesce(agent, '')), 'firefox/|fxios/') THEN 'firefox'
        WHEN regexp_matches(lower(coalesce(agent, '')), 'chrome/|crios/') THEN 'chrome'
        WHEN regexp_matches(lower(coalesce(agent, '')), 'python') THEN 'python'
        WHEN regexp_matches(lower(coalesce(agent, '')), '^curl/') THEN 'curl'
        WHEN regexp_matches(lower(coalesce(agent, '')), 'go-http-client') THEN 'go'
        WHEN regexp_matches(lower(coalesce(agent, '')), 'powershell') THEN 'powershell'
        WHEN regexp_matches(lower(coalesce(agent, '')), 'safari/') THEN 'safari'
    END
);

-- Severity names in order, for sorting, comparing and raising.
CREATE OR REPLACE MACRO hc_severity_rank(severity) AS (
    CASE lower(severity) WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END
);

CREATE OR REPLACE MACRO hc_severity_name(rank) AS (
    CASE rank WHEN 1 THEN 'low' WHEN 2 THEN 'medium' WHEN 3 THEN 'high' WHEN 4 THEN 'critical' END
);
