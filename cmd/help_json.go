package cmd

// The --json shapes, described in each command's own --help: a user who
// installed with `go install` has no README.

const checkJSONHelp = `
With --json, standard output is one object (the key itself never appears):
  ready           true when all nine permissions are granted and no error
                  was found
  key             {kind, mode, redacted}: kind is restricted, secret,
                  publishable, organization, webhook_secret or unrecognized;
                  mode is live, test or ""; redacted is the prefix and last 4
                  characters
  account_id      the Stripe account the key belongs to, when Stripe named it
  permissions     always the nine rows in the guide's order, each
                  {resource, access, status, detail, fix}: access is read or
                  write; status is granted, missing or unknown (never a
                  guess: an outage is unknown, with the reason in detail);
                  fix is set for a missing row
  excess          access Justt does not need: {resource, access, section}
  problems        {severity, code, message, fix}: severity is error or
                  warning; code is one of wrong_key_kind, organization_key,
                  secret_key, test_mode_key, key_invalid, key_expired,
                  issuing_disputes_instead, webhook_secret_format,
                  key_malformed_<reason> (errors); excess_write,
                  issuing_disputes_extra, undecided, ip_restricted,
                  forbidden_not_stripe (warnings)
  webhook_secret  {provided, valid_format} for STRIPE_WEBHOOK_SECRET (never
                  its value)`

const registerJSONHelp = `
With --json, standard output is one object (the signing secret never
appears):
  endpoint_id, url, enabled_events, api_version, status
                        the endpoint created; for a duplicate, the existing one
  created               true when an endpoint was created
  replaced_endpoint_id  the old endpoint --replace disabled (only then)
  secret_file           the --secret-out file holding the signing secret
  secret_keyring        instead of secret_file: the keyring entry holding it
  notes                 warnings, only when there is something to say:
                        {severity, code, message, fix}; code is
                        webhook_disabled_endpoints_left or
                        webhook_url_non_ascii_host
  error                 on a refusal or failure: {code, message, fix}; code
                        is one of bad_url, setup_key_missing, setup_key_kind,
                        setup_key_permission, setup_key_rejected, duplicate,
                        endpoint_cap, stripe_refused, network,
                        secret_not_kept, replace_incomplete,
                        create_unconfirmed`

const verifyJSONHelp = `
With --json, standard output is one object:
  ok        true when the endpoint is as Justt needs
  url       the Justt webhook URL that was checked
  endpoint  {endpoint_id, url, enabled_events, api_version, status}, or null
            when no endpoint has the URL
  problems  {severity, code, message, fix}: code is one of webhook_missing,
            webhook_disabled, webhook_events, webhook_api_version,
            webhook_url_spelled_differently (warning), webhook_duplicates
            (warning)
  error     set when the URL or setup key was refused or Stripe could not
            be asked: {code, message, fix}, codes as for register`
