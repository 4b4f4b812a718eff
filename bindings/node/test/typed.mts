// Checked by `tsc --noEmit --strict` (ts.test.mjs) against the ES module declarations.
import usersig, { Signer, Verifier, type Claims } from 'usersig';

const token: string = new Signer(1400000000, 'key').userSigAt('alice', 60, 1700000000);
const claims: Claims = new Verifier(1400000000, 'key').verifyAt(token, 'alice', 1700000000);
const same: Claims = usersig.inspect(token);
// @ts-expect-error verifyAt needs the time
new usersig.Verifier(1400000000, 'key').verifyAt(token, 'alice');
void [claims, same];
