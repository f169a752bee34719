import { createHash, createHmac } from 'node:crypto';
import { scramKeys, scramVerifier } from './scram';

describe(scramVerifier.name, () => {
  // RFC 7677 section 3: user "user", password "pencil", and the whole exchange it publishes.
  const salt = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
  const authMessage =
    'n=user,r=rOprNGfwEbeRWgbNEkqO,' +
    'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,' +
    'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';

  it('should derive the server key that signs the RFC 7677 exchange', () => {
    const { serverKey } = scramKeys('pencil', salt, 4096);

    const signature = createHmac('sha256', serverKey).update(authMessage).digest('base64');

    expect(signature).toBe('6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
  });

  it('should derive the stored key the RFC 7677 client proof is checked against', () => {
    const { storedKey } = scramKeys('pencil', salt, 4096);
    const proof = Buffer.from('dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=', 'base64');

    // The server's check: ClientKey = proof XOR HMAC(StoredKey, AuthMessage), and H(ClientKey) = StoredKey.
    const signature = createHmac('sha256', storedKey).update(authMessage).digest();
    const clientKey = Buffer.from(proof.map((byte, i) => byte ^ signature[i]!));

    expect(createHash('sha256').update(clientKey).digest().equals(storedKey)).toBe(true);
  });

  it('should write the verifier in the form PostgreSQL stores, without the password', () => {
    const sut = scramVerifier('pencil', salt, 4096);

    expect(sut).toMatch(/^SCRAM-SHA-256\$4096:W22ZaJ0SNY7soEsUEjb6gQ==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/);
    expect(sut).not.toContain('pencil');
  });

  it('should salt each verifier afresh', () => {
    expect(scramVerifier('pencil')).not.toBe(scramVerifier('pencil'));
  });
});
