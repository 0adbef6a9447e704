/**
 * The TLS material of the emulator's Kubernetes API, made at start: a CA of its own (its certificate
 * goes into the kubeconfigs the emulator issues, as `certificate-authority-data`) and a server
 * certificate it signs for 127.0.0.1, ::1 and localhost (and the host the emulator listens on).
 * Keys come from node:crypto; node-forge writes and signs the X.509 certificates. Nothing is kept on
 * disk: a restarted emulator has a new CA, so a kubeconfig merged before the restart is merged again.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

export interface KubeApiCertificates {
  /** The CA certificate (PEM), which the kubeconfigs trust. */
  caPem: string;
  /** The server certificate (PEM) and its private key (PKCS #8 PEM). */
  certPem: string;
  keyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function rsaKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string),
    forgePrivate: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string),
  };
}

function certificate(
  subject: forge.pki.CertificateField[],
  publicKey: forge.pki.PublicKey,
  nowMs: number,
  days: number,
) {
  const cert = forge.pki.createCertificate();
  // A positive serial of 16 random bytes (the high bit cleared).
  cert.serialNumber = `0${randomBytes(16).toString('hex').slice(1)}`;
  cert.publicKey = publicKey;
  cert.validity.notBefore = new Date(nowMs - DAY_MS);
  cert.validity.notAfter = new Date(nowMs + days * DAY_MS);
  cert.setSubject(subject);
  return cert;
}

/** A new CA and a server certificate for the loopback addresses and `host`. */
export function createKubeApiCertificates(host = '127.0.0.1', nowMs = Date.now()): KubeApiCertificates {
  const caKeys = rsaKeys();
  const caName = [
    { shortName: 'O', value: 'scp-ske-openapi' },
    { shortName: 'CN', value: 'SKE emulator Kubernetes API CA' },
  ];
  const ca = certificate(caName, caKeys.forgePublic, nowMs, 3650);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.forgePrivate, forge.md.sha256.create());

  const serverKeys = rsaKeys();
  const server = certificate(
    [{ shortName: 'CN', value: 'SKE emulator Kubernetes API' }],
    serverKeys.forgePublic,
    nowMs,
    825,
  );
  server.setIssuer(caName);
  const names = new Set(['127.0.0.1', '::1', 'localhost', host]);
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [...names].map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })),
    },
  ]);
  server.sign(caKeys.forgePrivate, forge.md.sha256.create());
  return { caPem: forge.pki.certificateToPem(ca), certPem: forge.pki.certificateToPem(server), keyPem: serverKeys.pem };
}
