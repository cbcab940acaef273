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
-- unknown device never counts as a change. Plain substring tests (contains) keep this cheap on
-- millions of rows; both arguments must already be lower case.
CREATE OR REPLACE MACRO hc_os_family(os, agent) AS (
    CASE
        WHEN contains(os, 'windows') THEN 'windows'
        WHEN contains(os, 'ios') OR contains(os, 'iphone') OR contains(os, 'ipad') THEN 'ios'
        WHEN contains(os, 'mac') THEN 'macos'
        WHEN contains(os, 'android') THEN 'android'
        WHEN contains(os, 'chrome') OR contains(os, 'cros') THEN 'chromeos'
        WHEN contains(os, 'linux') OR contains(os, 'ubuntu') OR contains(os, 'debian') OR contains(os, 'fedora') THEN 'linux'
        WHEN nullif(trim(os), '') IS NOT NULL THEN NULL
        WHEN contains(agent, 'windows') THEN 'windows'
        WHEN contains(agent, 'iphone') OR contains(agent, 'ipad') OR contains(agent, 'ipod') THEN 'ios'
        WHEN contains(agent, 'mac os x') OR contains(agent, 'macintosh') THEN 'macos'
        WHEN contains(agent, 'android') THEN 'android'
        WHEN contains(agent, 'cros') THEN 'chromeos'
        WHEN contains(agent, 'linux') OR contains(agent, 'x11') THEN 'linux'
    END
);

-- Browser or client family from DeviceDetail.browser, else from the user agent. Order
-- matters, because Edge and Opera agents also name Chrome, and Chrome agents name Safari.
-- Scripted clients (python, curl, go, powershell) get their own family. Entra's "Rich Client"
-- (desktop and mobile apps) gives NULL: on one device those apps share a session with the
-- browser, so a switch between them is no sign of another device. Both arguments must
-- already be lower case.
CREATE OR REPLACE MACRO hc_browser_family(browser, agent) AS (
    CASE
        WHEN nullif(trim(browser), '') IS NOT NULL THEN
            CASE
                WHEN contains(browser, 'edge') THEN 'edge'
                WHEN contains(browser, 'opera') THEN 'opera'
                WHEN contains(browser, 'firefox') THEN 'firefox'
                WHEN contains(browser, 'chrome') THEN 'chrome'
                WHEN contains(browser, 'safari') THEN 'safari'
                WHEN contains(browser, 'rich client') OR contains(browser, 'mobile app') THEN NULL
                WHEN contains(browser, 'python') THEN 'python'
                ELSE nullif(regexp_extract(trim(browser), '^[a-z][a-z ]*[a-z]'), '')
            END
        WHEN contains(agent, 'edg/') OR contains(agent, 'edga/') OR contains(agent, 'edgios/') OR contains(agent, 'edge/') THEN 'edge'
        WHEN contains(agent, 'opr/') OR contains(agent, 'opera') THEN 'opera'
        WHEN contains(agent, 'firefox/') OR contains(agent, 'fxios/') THEN 'firefox'
        WHEN contains(agent, 'chrome/') OR contains(agent, 'crios/') THEN 'chrome'
        WHEN contains(agent, 'python') THEN 'python'
        WHEN starts_with(agent, 'curl/') THEN 'curl'
        WHEN contains(agent, 'go-http-client') THEN 'go'
        WHEN contains(agent, 'powershell') THEN 'powershell'
        WHEN contains(agent, 'safari/') THEN 'safari'
    END
);

-- Severity names in order, for sorting, comparing and raising.
CREATE OR REPLACE MACRO hc_severity_rank(severity) AS (
    CASE lower(severity) WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END
);

CREATE OR REPLACE MACRO hc_severity_name(rank) AS (
    CASE rank WHEN 1 THEN 'low' WHEN 2 THEN 'medium' WHEN 3 THEN 'high' WHEN 4 THEN 'critical' END
);
