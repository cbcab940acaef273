-- Parsing helpers used by every normalisation file. Each returns NULL for a value it cannot
-- read; the normalisation turns that NULL into a row rejection that quotes the value.

-- Values at several JSON paths of a text that should hold a JSON object, parsed once.
-- Empty text, `null`, `None` and anything that is not JSON give NULL for every path.
CREATE OR REPLACE MACRO hc_json_fields(doc, paths) AS (
    try(json_extract_string(nullif(trim(doc), ''), paths))
);

-- The AuthenticationDetails array as typed steps, in their original order. The inner keys are
-- camelCase in Log Analytics, Graph and diagnostic exports alike.
CREATE OR REPLACE MACRO hc_auth_steps(details) AS (
    list_transform(
        try(from_json(nullif(trim(details), ''), '[{
            "authenticationStepDateTime": "VARCHAR",
            "authenticationMethod": "VARCHAR",
            "authenticationMethodDetail": "VARCHAR",
            "succeeded": "VARCHAR",
            "authenticationStepResultDetail": "VARCHAR",
            "authenticationStepRequirement": "VARCHAR"
        }]')),
        step -> {
            'step_time': hc_parse_time(step.authenticationStepDateTime, 'mdy'),
            'method': step.authenticationMethod,
            'method_detail': step.authenticationMethodDetail,
            'succeeded': try_cast(step.succeeded AS BOOLEAN),
            'result_detail': step.authenticationStepResultDetail,
            'requirement': step.authenticationStepRequirement
        }
    )
);

-- Text flags such as `TRUE`, `true`, `True` or `1` as a boolean; anything else is NULL.
CREATE OR REPLACE MACRO hc_parse_flag(raw) AS (
    CASE lower(trim(raw))
        WHEN 'true' THEN true
        WHEN '1' THEN true
        WHEN 'false' THEN false
        WHEN '0' THEN false
    END
);

-- A value quoted for a rejection reason, cut to 80 characters.
CREATE OR REPLACE MACRO hc_quote_value(raw) AS (
    '"' || CASE WHEN length(raw) > 80 THEN left(raw, 80) || '…' ELSE raw END || '"'
);

-- True when Entra's text states that a requirement (MFA or first factor) was met by a claim in an
-- existing token, such as "MFA requirement satisfied by claim in the token".
CREATE OR REPLACE MACRO hc_says_claim_satisfied(text) AS (
    coalesce(regexp_matches(lower(text), 'requirement satisfied by claim in the token'), false)
);
