//! Where the secret key comes from, and keeping it secret on the way: a warning for each source
//! that exposes it, a cap on what is read as a key, and every copy wiped when dropped.

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Args;
use zeroize::{Zeroize, Zeroizing};

/// The largest key file read, in bytes; a console key is 64 characters.
pub const MAX_KEY_FILE_LEN: u64 = 4096;

/// The environment variable that holds the signing key.
const SIGNING_KEY_VARIABLE: &str = "USERSIG_KEY";

/// A key, wiped when dropped.
pub type Key = Zeroizing<String>;

/// Where the secret key comes from.
#[derive(Args)]
pub struct Keys {
    /// The secret key (visible to other users in `ps`: prefer --key-file or USERSIG_KEY).
    /// `verify` accepts several (key rotation).
    #[arg(long, value_name = "KEY")]
    key: Vec<String>,
    /// A file holding the secret key (a trailing newline is ignored), readable by its owner
    /// only. Repeatable for `verify`.
    #[arg(long, value_name = "PATH")]
    key_file: Vec<PathBuf>,
}

impl Drop for Keys {
    fn drop(&mut self) {
        self.key.zeroize();
    }
}

impl Keys {
    /// Every key given, in order: `--key`s, then `--key-file`s, else `USERSIG_KEY`. Warns on
    /// stderr of a key given on the command line and of a key file others may read.
    pub fn all(&self) -> Result<Vec<Key>, String> {
        self.all_or(SIGNING_KEY_VARIABLE)
    }

    /// As [`all`](Self::all), with the environment variable `variable` as the fallback.
    fn all_or(&self, variable: &str) -> Result<Vec<Key>, String> {
        if !self.key.is_empty() {
            eprintln!(
                "usersig: warning: --key is visible to other users of this machine (ps, \
                 /proc, shell history); prefer --key-file or USERSIG_KEY"
            );
        }
        let mut keys: Vec<Key> = self.key.iter().cloned().map(Zeroizing::new).collect();
        for path in &self.key_file {
            keys.push(read_key_file(path)?);
        }
        if keys.is_empty() {
            match std::env::var(variable) {
                Ok(key) => keys.push(Zeroizing::new(key)),
                Err(_) => return Err(format!("no key: give --key, --key-file or {variable}")),
            }
        }
        Ok(keys)
    }

    /// The one key a signer needs.
    pub fn single(&self) -> Result<Key, String> {
        self.single_or(SIGNING_KEY_VARIABLE)
    }

    /// The one secret a callback check needs: the console's callback token or key, not the
    /// signing key, so its environment variable is `USERSIG_CALLBACK_KEY`.
    pub fn callback_secret(&self) -> Result<Key, String> {
        self.single_or("USERSIG_CALLBACK_KEY")
    }

    fn single_or(&self, variable: &str) -> Result<Key, String> {
        let mut keys = self.all_or(variable)?;
        if keys.len() > 1 {
            return Err("this command takes exactly one key".to_owned());
        }
        Ok(keys.remove(0))
    }
}

/// The key in the file at `path`, without its trailing line break; at most
/// [`MAX_KEY_FILE_LEN`] bytes of UTF-8.
fn read_key_file(path: &Path) -> Result<Key, String> {
    let cannot = |e: std::io::Error| format!("cannot read key file {}: {e}", path.display());
    let file = std::fs::File::open(path).map_err(cannot)?;
    warn_if_others_may_read(path, &file);
    let mut text = Zeroizing::new(String::new());
    file.take(MAX_KEY_FILE_LEN + 1)
        .read_to_string(&mut text)
        .map_err(cannot)?;
    if text.len() as u64 > MAX_KEY_FILE_LEN {
        return Err(format!(
            "key file {} is larger than {MAX_KEY_FILE_LEN} bytes: it is not a key",
            path.display()
        ));
    }
    Ok(Zeroizing::new(
        text.trim_end_matches(['\r', '\n']).to_owned(),
    ))
}

/// Warns, as ssh does, when the key file's group or other users have any access to it.
#[cfg(unix)]
fn warn_if_others_may_read(path: &Path, file: &std::fs::File) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(metadata) = file.metadata() {
        let mode = metadata.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            eprintln!(
                "usersig: warning: key file {} is accessible to other users (mode {mode:03o}); \
                 chmod 600 it",
                path.display()
            );
        }
    }
}

/// Windows' ACLs are not modes; nothing to compare.
#[cfg(not(unix))]
fn warn_if_others_may_read(_: &Path, _: &std::fs::File) {}
