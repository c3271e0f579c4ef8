//! offersite patch: the word index of `IndexBuilder` while pages are being
//! added, held compactly. Every word's pages used to be kept as
//! `PackedPage`s (a `usize` and two `Vec`s each, three allocations per word
//! and page) until the index was built: at 80,000 records of about 40 words
//! that was most of an index's memory. Here a page of a word is 16 bytes and
//! its positions sit in one shared list; the `PackedWord`s are made only
//! when their chunk of the index is encoded.

use std::ops::Range;

use hashbrown::HashMap;

use super::index_words::{PackedPage, PackedVariant, PackedWord};

/// One page of one word: its positions are `locs` entries of the shared
/// list from `start`, followed by `meta_locs` entries of meta positions.
#[derive(Clone, Copy)]
struct Posting {
    page_number: u32,
    start: u32,
    locs: u32,
    meta_locs: u32,
}

#[derive(Default)]
struct WordPostings {
    pages: Vec<Posting>,
    /// Diacritic forms, in the order they were first met.
    variants: Vec<(String, Vec<Posting>)>,
}

#[derive(Default)]
pub(super) struct Postings {
    words: HashMap<String, WordPostings>,
    positions: Vec<i32>,
}

impl Postings {
    /// Adds one page's entry for a word, as `PackedWord`s were merged: its
    /// pages after the word's earlier ones, its variants joined by form.
    pub(super) fn add(&mut self, word: PackedWord) {
        let positions = &mut self.positions;
        let mut store = |page: PackedPage| {
            let posting = Posting {
                page_number: page.page_number as u32,
                start: positions.len() as u32,
                locs: page.locs.len() as u32,
                meta_locs: page.meta_locs.len() as u32,
            };
            positions.extend(page.locs);
            positions.extend(page.meta_locs);
            posting
        };
        let entry = self.words.entry(word.word).or_default();
        entry.pages.extend(word.pages.into_iter().map(&mut store));
        for variant in word.additional_variants {
            let pages = variant.pages.into_iter().map(&mut store);
            match entry.variants.iter_mut().find(|(form, _)| *form == variant.form) {
                Some((_, existing)) => existing.extend(pages),
                None => {
                    let pages = pages.collect();
                    entry.variants.push((variant.form, pages));
                }
            }
        }
    }

    /// How many different words there are.
    pub(super) fn len(&self) -> usize {
        self.words.len()
    }

    /// Renumbers the field ids in the meta positions (the negative markers
    /// of `meta_positions_to_packed`) from each page's own fields
    /// (`page_fields[page]` picks its map) to the index's.
    pub(super) fn renumber_meta_fields(&mut self, page_fields: &[u32], field_id_maps: &[Vec<u16>]) {
        let positions = &mut self.positions;
        let mut renumber = |page: &Posting| {
            let ids = &field_id_maps[page_fields[page.page_number as usize] as usize];
            let meta = page.start + page.locs..page.start + page.locs + page.meta_locs;
            for loc in positions[meta.start as usize..meta.end as usize].iter_mut() {
                if *loc < 0 {
                    *loc = -(ids[(-*loc - 1) as usize] as i32) - 1;
                }
            }
        };
        for word in self.words.values() {
            word.pages.iter().for_each(&mut renumber);
            for (_, pages) in &word.variants {
                pages.iter().for_each(&mut renumber);
            }
        }
    }

    /// The words in order, each with its pages in page order.
    pub(super) fn into_sorted(self) -> SortedPostings {
        let mut words: Vec<(String, WordPostings)> = self.words.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (_, word) in &mut words {
            word.pages.sort_by_key(|p| p.page_number);
            for (_, pages) in &mut word.variants {
                pages.sort_by_key(|p| p.page_number);
            }
        }
        SortedPostings {
            words,
            positions: self.positions,
        }
    }
}

pub(super) struct SortedPostings {
    words: Vec<(String, WordPostings)>,
    positions: Vec<i32>,
}

impl SortedPostings {
    /// Each word's share of a chunk's size, as `chunk_index` counts it.
    pub(super) fn sizes(&self) -> Vec<usize> {
        self.words
            .iter()
            .map(|(_, word)| {
                word.pages
                    .iter()
                    .chain(word.variants.iter().flat_map(|(_, pages)| pages))
                    .map(|p| (p.locs + p.meta_locs) as usize + 1)
                    .sum::<usize>()
                    + word.variants.len()
            })
            .collect()
    }

    /// The first and last word of a range of words.
    pub(super) fn bounds(&self, range: &Range<usize>) -> (&str, &str) {
        (
            &self.words[range.start].0,
            &self.words[range.end - 1].0,
        )
    }

    /// A range of words as the index's `PackedWord`s.
    pub(super) fn packed(&self, range: Range<usize>) -> Vec<PackedWord> {
        let page = |p: &Posting| {
            let start = p.start as usize;
            let meta = start + p.locs as usize;
            PackedPage {
                page_number: p.page_number as usize,
                locs: self.positions[start..meta].to_vec(),
                meta_locs: self.positions[meta..meta + p.meta_locs as usize].to_vec(),
            }
        };
        self.words[range]
            .iter()
            .map(|(word, postings)| PackedWord {
                word: word.clone(),
                pages: postings.pages.iter().map(page).collect(),
                additional_variants: postings
                    .variants
                    .iter()
                    .map(|(form, pages)| PackedVariant {
                        form: form.clone(),
                        pages: pages.iter().map(page).collect(),
                    })
                    .collect(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(page_number: usize, meta_locs: Vec<i32>) -> PackedPage {
        PackedPage {
            page_number,
            locs: vec![1],
            meta_locs,
        }
    }

    /// Meta positions are numbered in each page's own fields until the
    /// index is built, then in the index's.
    #[test]
    fn meta_field_ids_are_renumbered_into_the_index_fields() {
        let mut postings = Postings::default();
        postings.add(PackedWord {
            word: "cafe".into(),
            pages: vec![page(0, vec![-1, 0, 3, -2, 5])],
            additional_variants: vec![],
        });
        postings.add(PackedWord {
            word: "cafe".into(),
            pages: vec![page(1, vec![-2, 4])],
            additional_variants: vec![PackedVariant {
                form: "café".into(),
                pages: vec![page(1, vec![-1, 2])],
            }],
        });
        // Page 0 has the fields [discount, title], page 1 [area, discount,
        // title]: the index's fields are page 1's.
        postings.renumber_meta_fields(&[0, 1], &[vec![1, 2], vec![0, 1, 2]]);
        let sorted = postings.into_sorted();
        let cafe = &sorted.packed(0..1)[0];
        assert_eq!(cafe.pages[0].meta_locs, vec![-2, 0, 3, -3, 5]);
        assert_eq!(cafe.pages[1].meta_locs, vec![-2, 4]);
        assert_eq!(cafe.additional_variants[0].pages[0].meta_locs, vec![-1, 2]);
        assert_eq!(cafe.pages[0].locs, vec![1]);
    }

    /// Pages come back in page order and words in word order, whatever
    /// order they were added in.
    #[test]
    fn words_and_pages_come_back_in_order() {
        let mut postings = Postings::default();
        for (word, n) in [("pear", 3), ("apple", 2), ("pear", 1)] {
            postings.add(PackedWord {
                word: word.into(),
                pages: vec![page(n, vec![])],
                additional_variants: vec![],
            });
        }
        let sorted = postings.into_sorted();
        let words = sorted.packed(0..2);
        assert_eq!(words[0].word, "apple");
        let pear: Vec<usize> = words[1].pages.iter().map(|p| p.page_number).collect();
        assert_eq!(pear, vec![1, 3]);
        assert_eq!(sorted.sizes(), vec![2, 4]);
        assert_eq!(sorted.bounds(&(0..2)), ("apple", "pear"));
    }
}
