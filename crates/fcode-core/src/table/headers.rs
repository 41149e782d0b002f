//! Header matching: a header cell is normalised (NFKC, lower-case, no spaces,
//! underscores or hyphens) and a unit in brackets is split off, so that
//! `面值(元)`, `面值（元）` and `Face Value` all match their synonyms.

use unicode_normalization::UnicodeNormalization;

/// A normalised header: the name to match and the unit from brackets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderKey {
    pub name: String,
    pub unit: Option<String>,
}

pub fn header_key(cell: &str) -> HeaderKey {
    let folded: String = cell.nfkc().collect();
    let t = folded.trim().trim_start_matches('\u{feff}');
    let (base, unit) = match t.find(['(', '[']) {
        Some(i) if t.ends_with([')', ']']) => {
            let unit = t.get(i + 1..t.len() - 1).unwrap_or("").trim();
            (
                t.get(..i).unwrap_or(t),
                if unit.is_empty() {
                    None
                } else {
                    Some(unit.to_lowercase())
                },
            )
        }
        _ => (t, None),
    };
    let name: String = base
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    HeaderKey { name, unit }
}

/// The field whose synonym list contains `key.name` (synonyms are written
/// already normalised: lower-case, no separators).
pub fn match_field<F: Copy>(key: &HeaderKey, table: &[(F, &[&str])]) -> Option<F> {
    table
        .iter()
        .find(|(_, syns)| syns.contains(&key.name.as_str()))
        .map(|(f, _)| *f)
}
