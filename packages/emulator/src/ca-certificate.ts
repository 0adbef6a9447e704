/**
 * The CA certificate the emulator's kubeconfigs carry in `certificate-authority-data`: a real,
 * self-signed PEM certificate (no private key is kept anywhere), made once with
 *   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout /dev/null \
 *     -days 3650 -subj "/O=scp-ske-openapi/CN=SKE emulator CA" \
 *     -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
 */
export const CA_CERTIFICATE_PEM = `-----BEGIN CERTIFICATE-----
MIIBzTCCAXOgAwIBAgIUHslWC83dpERWz6p66v+PR9G7UgUwCgYIKoZIzj0EAwIw
NDEYMBYGA1UECgwPc2NwLXNrZS1vcGVuYXBpMRgwFgYDVQQDDA9TS0UgZW11bGF0
b3IgQ0EwHhcNMjYxMTI5MDM1MzUyWhcNMzYxMTI2MDM1MzUyWjA0MRgwFgYDVQQK
DA9zY3Atc2tlLW9wZW5hcGkxGDAWBgNVBAMMD1NLRSBlbXVsYXRvciBDQTBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABF9kuERCBMawYA57ybbgw4eyBB2X9N7wC6Fg
DX00/gp1cnNav7y4a9vVapd7V6ouSGiVFEZ7FfPcTCF+VK4vAP2jYzBhMB0GA1Ud
DgQWBBR2pOqc4KAz5FcGYggZ1w8+ZGijkjAfBgNVHSMEGDAWgBR2pOqc4KAz5FcG
YggZ1w8+ZGijkjAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIBBjAKBggq
hkjOPQQDAgNIADBFAiAgyzG9Ir8j3AwlhdyuyeZPeiuPpsRfqdkReSCdh1n2HQIh
AMySxFeH9lOOidYZ/KpEaKIDvaF6zbfqGf8CXyP3tD6w
-----END CERTIFICATE-----
`;
