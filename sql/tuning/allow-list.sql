-- Allow-list entries of the run. `allow_list` holds ASNs, countries, users and apps as
-- canonical text; IP ranges are matched in TypeScript (node:net BlockList), which fills
-- `allowed_ips` with each finding address that falls in a range.
CREATE TABLE allow_list (
    kind    VARCHAR NOT NULL,  -- asn, country, user or app
    value   VARCHAR NOT NULL,  -- ASN number, upper-case country code, lower-case user or app
    label   VARCHAR NOT NULL   -- text for SuppressedBy
);

CREATE TABLE allowed_ips (
    ip      VARCHAR NOT NULL,
    label   VARCHAR NOT NULL
);
