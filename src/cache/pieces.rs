//! A large map of the cache stored in pieces: each piece of entries is a
//! postcard blob of its own, so that the pieces are encoded, and decoded,
//! on every core (a 100,000-page site's front matter records alone take
//! 55 MB, which one core encoded in about a third of a second, at the end
//! of every build). For `#[serde(with = "pieces")]` on a `HashMap` field.

use rayon::prelude::*;
use serde::de::{DeserializeOwned, Error as _};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;
use std::hash::Hash;

/// Entries in one piece: enough that a piece's work dwarfs handing it to
/// a core, few enough that a 100,000-entry map makes dozens.
const PIECE: usize = 2048;

/// One encoded piece, written as bytes (a length and the bytes as they
/// are), not as a sequence of numbers.
struct Blob<'b>(&'b [u8]);

impl Serialize for Blob<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// Encodes `map` as a sequence of pieces, each the postcard encoding of a
/// sequence of its entries.
///
/// # Errors
/// An entry cannot be encoded.
pub fn serialize<K, V, H, S>(map: &HashMap<K, V, H>, serializer: S) -> Result<S::Ok, S::Error>
where
    K: Serialize + Sync,
    V: Serialize + Sync,
    H: std::hash::BuildHasher,
    S: Serializer,
{
    let entries: Vec<(&K, &V)> = map.iter().collect();
    let pieces: Vec<Vec<u8>> = entries
        .par_chunks(PIECE)
        .map(postcard::to_allocvec)
        .collect::<Result<_, _>>()
        .map_err(S::Error::custom)?;
    serializer.collect_seq(pieces.iter().map(|p| Blob(p)))
}

/// Decodes what [`serialize`] encoded.
///
/// # Errors
/// A piece is not the encoding of a sequence of entries.
pub fn deserialize<'de, K, V, H, D>(deserializer: D) -> Result<HashMap<K, V, H>, D::Error>
where
    K: DeserializeOwned + Eq + Hash + Send,
    H: std::hash::BuildHasher + Default,
    V: DeserializeOwned + Send,
    D: Deserializer<'de>,
{
    let pieces: Vec<&'de [u8]> = Vec::deserialize(deserializer)?;
    let decoded: Vec<Vec<(K, V)>> = pieces
        .par_iter()
        .map(|p| postcard::from_bytes(p))
        .collect::<Result<_, _>>()
        .map_err(D::Error::custom)?;
    let mut map = HashMap::with_capacity_and_hasher(decoded.iter().map(Vec::len).sum(), H::default());
    map.extend(decoded.into_iter().flatten());
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder {
        before: u32,
        #[serde(with = "super")]
        map: HashMap<String, (u64, Vec<String>)>,
        after: String,
    }

    #[test]
    fn a_map_of_many_pieces_reads_back_whole() {
        for n in [0, 1, PIECE - 1, PIECE, 3 * PIECE + 17] {
            let map =
                (0..n).map(|i| (format!("content/{i}.md"), (i as u64, vec![i.to_string(); i % 3]))).collect();
            let holder = Holder { before: 7, map, after: "end".into() };
            let bytes = postcard::to_allocvec(&holder).unwrap();
            let back: Holder = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(back, holder, "{n} entries");
        }
    }

    #[test]
    fn a_damaged_piece_is_an_error_not_a_short_map() {
        #[derive(Serialize)]
        struct Raw<'b> {
            before: u32,
            map: Vec<Blob<'b>>,
            after: String,
        }
        let good = postcard::to_allocvec(&vec![("a".to_string(), (1u64, Vec::<String>::new()))]).unwrap();
        // A piece that claims more entries than it holds.
        let damaged = [0x05, 0x01, b'b', 0x02, 0x00];
        let raw = Raw { before: 1, map: vec![Blob(&good), Blob(&damaged)], after: String::new() };
        let bytes = postcard::to_allocvec(&raw).unwrap();
        assert!(postcard::from_bytes::<Holder>(&bytes).is_err());
        let whole = Raw { before: 1, map: vec![Blob(&good)], after: String::new() };
        let back: Holder = postcard::from_bytes(&postcard::to_allocvec(&whole).unwrap()).unwrap();
        assert_eq!(back.map.len(), 1);
    }
}
