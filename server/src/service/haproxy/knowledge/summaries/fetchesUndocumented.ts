/**
 * Own-words summaries of fetches HAProxy registers in its sources without documenting them in
 * configuration.txt at some tags (2.8: the OCSP auto-update log fields; 3.0/3.2: a backend
 * connection setting; 3.2+: the TLS ClientHello details; 3.4: Encrypted Client Hello; the `+src`
 * hash keys; the device-detection addons' fetches; SPOE's engine ID). What they
 * return is read from their names, registration (output types) and use in the sources.
 */
export const FETCH_SUMMARIES_UNDOCUMENTED: Record<string, string> = {
  'bc_setting_streams_limit': 'How many concurrent streams the server allows on the backend connection, as it announced in its settings (HTTP/2 or QUIC).',
  'ssl_ocsp_certid': 'During an OCSP response auto-update: the OCSP certificate ID of the certificate being updated. For the update log line.',
  'ssl_ocsp_certname': 'During an OCSP response auto-update: the name (path) of the certificate being updated. For the update log line.',
  'ssl_ocsp_fail_cnt': 'During an OCSP response auto-update: how many updates of this certificate have failed so far.',
  'ssl_ocsp_status': 'During an OCSP response auto-update: the numeric status of the last update attempt.',
  'ssl_ocsp_status_str': 'During an OCSP response auto-update: the status of the last update attempt as text.',
  'ssl_ocsp_success_cnt': 'During an OCSP response auto-update: how many updates of this certificate have succeeded so far.',
  'req.ssl_cipherlist': 'Cipher suites the client offers in its TLS ClientHello, read from the request buffer before TLS is terminated (tcp-request content with inspect-delay).',
  'req.ssl_keyshare_groups': 'Key-share groups the client sends in its TLS ClientHello, read from the request buffer before TLS is terminated.',
  'req.ssl_sigalgs': 'Signature algorithms the client announces in its TLS ClientHello, read from the request buffer before TLS is terminated.',
  'req.ssl_supported_groups': 'Supported groups (curves) the client lists in its TLS ClientHello, read from the request buffer before TLS is terminated.',
  'ssl_fc_ech_outer_sni': 'The outer (public) server name of an Encrypted Client Hello on the client connection, when ECH is used.',
  'ssl_fc_ech_status': 'How Encrypted Client Hello went on the client connection (e.g. accepted or not used), for logging or routing.',
  'base32+src': 'The 32-bit hash of `base32` followed by the client\'s source address, as one binary key: counts per URL and per client in a single stick table.',
  'url32+src': 'The 32-bit hash of `url32` followed by the client\'s source address, as one binary key: tracks per URL and per client in a single stick table.',
  'spoe.engine-id': 'The engine ID of the SPOE agent serving the current stream. Only meaningful on the SPOE agent\'s own internal streams (HAProxy uses it to keep agent connections apart).',
  'da-csv-fetch': 'DeviceAtlas device detection (needs a DeviceAtlas-enabled build): the listed properties of the device found from the request headers, joined by the configured separator.',
  'wurfl-get': 'WURFL device detection (needs a WURFL-enabled build): the listed capabilities of the device found from the request\'s user agent, joined by the configured separator.',
  'wurfl-get-all': 'WURFL device detection (needs a WURFL-enabled build): every capability named in `wurfl-information-list` for the request\'s device, joined by the configured separator.',
};
