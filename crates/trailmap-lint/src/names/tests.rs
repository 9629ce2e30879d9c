use super::*;
use proptest::prelude::*;

/// The text of `variant` of a name (its spaced form), as an iterator of
/// characters.
fn variant_chars(spaced: Spaced<'_>, variant: Variant) -> impl Iterator<Item = char> + '_ {
    let skip = match variant {
        Variant::Whole => usize::MAX,
        Variant::Deleted(k) => k,
    };
    spaced.chars().enumerate().filter(move |(j, _)| *j != skip).map(|(_, c)| c)
}

/// The sameness key spelled out: collect each token, then drop its
/// plural `s`.
fn key_by_tokens(text: &str) -> String {
    let mut key = String::new();
    let mut token: Vec<char> = Vec::new();
    let mut last = ' ';
    for c in text.chars().chain([' ']) {
        if c.is_alphanumeric() {
            token.extend(c.to_lowercase());
            last = c;
            continue;
        }
        let plural = token.len() >= MIN_TOKEN_LEN && token.ends_with(&['s']) && !token.ends_with(&['s', 's']);
        key.extend(&token[..token.len() - usize::from(last == 's' && plural)]);
        token.clear();
    }
    key
}

proptest! {
    /// The streamed key (an `s` held back until its token goes on or
    /// ends) is the key spelled out token by token; `same_key` compares
    /// such keys.
    #[test]
    fn the_streamed_key_is_the_tokens_without_plurals(text in "[abSsß İΣς0.-]{0,20}", other in "[abSs ]{0,8}") {
        let mut streamed = String::new();
        key_chars(&text, |c| streamed.push(c));
        prop_assert_eq!(&streamed, &key_by_tokens(&text));
        let pair = [text.as_str(), other.as_str()];
        let names = Names::of_texts(&pair);
        prop_assert_eq!(same_key(names.get(0), names.get(1)), streamed == key_by_tokens(&other));
        prop_assert!(same_key(names.get(0), names.get(0)));
    }
}

fn like(a: &str, b: &str) -> bool {
    let texts = [a, b];
    let names = Names::of_texts(&texts);
    similar(names.get(0), names.get(1))
}

#[test]
fn token_variant_hashes_equal_the_hashes_of_the_variants() {
    let names = Names::of_texts(&["Kubernetes operator"]);
    let name = names.get(0);
    for (token, start) in [0, 11].into_iter().enumerate() {
        let mut got = Vec::new();
        token_variant_hashes(name.spaced, start, &mut Scratch::default(), |v, h| got.push((v, h)));
        assert_eq!(got[0].0, Variant::Whole);
        for &(v, h) in &got[1..] {
            // A variant hashes like the token of its text, whole.
            let text: Vec<char> = variant_chars(name.spaced, v).collect();
            let mut whole = None;
            token_variant_hashes(Spaced::Wide(&text), start, &mut Scratch::default(), |vv, hh| {
                if vv == Variant::Whole {
                    whole = Some(hh);
                }
            });
            assert_eq!(whole, Some(h), "{text:?}");
        }
        // Each letter of the token: "kubernetes" has 10, "operator" 8.
        assert_eq!(got.len(), 1 + [10, 8][token]);
        assert_eq!(token_variant_count(name.spaced, start), got.len());
    }
    let mixed = Names::of_texts(&["AWS SQS queue delivery 2 retries", "Short"]);
    for i in 0..2 {
        // "aws sqs queue delivery 2 retries": "queue", "delivery" and "retries".
        for start in 0..40 {
            let mut emitted = 0;
            token_variant_hashes(mixed.spaced(i), start, &mut Scratch::default(), |_, _| emitted += 1);
            assert_eq!(token_variant_count(mixed.spaced(i), start), emitted);
            assert_eq!(emitted > 0, i == 0 && [8, 14, 25].contains(&start), "{i} {start}");
        }
    }
    let short = Names::of_texts(&["AWS SQSS"]);
    let mut count = 0;
    token_variant_hashes(short.spaced(0), 4, &mut Scratch::default(), |_, _| count += 1);
    assert_eq!(count, 0, "under eight letters: no variants");
}

proptest! {
    /// Slices compared answer as characters compared, for every pair
    /// of variants: both names ASCII, both wide, and one of each (two
    /// lists, one with a name outside ASCII).
    #[test]
    fn same_variant_compares_the_variant_texts(a in "[ab ]{0,7}", b in "[ab ]{0,7}") {
        let (two, three) = ([a.as_str(), b.as_str()], [a.as_str(), b.as_str(), "é"]);
        let (ascii, wide) = (Names::of_texts(&two), Names::of_texts(&three));
        prop_assert!(matches!(ascii.spaced(0), Spaced::Ascii(_)) && matches!(wide.spaced(0), Spaced::Wide(_)));
        let variants = |s: Spaced<'_>| (0..s.len()).map(Variant::Deleted).chain([Variant::Whole]).collect::<Vec<_>>();
        for (x, y) in [(ascii.spaced(0), ascii.spaced(1)), (wide.spaced(0), wide.spaced(1)), (ascii.spaced(0), wide.spaced(1))] {
            for va in variants(x) {
                for vb in variants(y) {
                    let chars = variant_chars(x, va).eq(variant_chars(y, vb));
                    prop_assert_eq!(same_variant(x, va, y, vb), chars, "{:?} {:?}", va, vb);
                }
            }
        }
    }
}

#[test]
fn names_people_keep_apart() {
    for (a, b) in [
        ("MySQL", "MS SQL"),
        ("HTTP", "HTTPS"),
        ("Next.js", "Nuxt.js"),
        ("bcrypt", "scrypt"),
        ("NUnit", "XUnit"),
        ("Big-O", "Big-θ"),
        ("Amazon SQS basics", "Amazon SNS basics"),
        ("Python 2 internals", "Python 3 internals"),
        ("Regression testing", "Regression testings suite"),
        ("Gradient Boost", "Gradient Boosts2"),
        ("Spring Boot", "Spring Boot 3"),
    ] {
        assert!(!like(a, b), "{a} / {b}");
    }
    for (a, b) in [
        ("Kubernetes", "Kubernets"),
        ("Gradient Boosting", "Gradient Bosting"),
        ("Elasticsearch", "Elasticsaerch"),
        ("Graph", "Graphs"),
        ("Design Patterns", "design pattern"),
        ("JavaScript", "Java Script"),
        ("C", "c"),
    ] {
        assert!(like(a, b), "{a} / {b}");
    }
}

#[test]
fn ascii_names_stored_as_bytes_compare_and_hash_as_characters() {
    let pairs =
        [("Kubernetes", "Kubernets"), ("Elasticsearch", "Elasticsaerch"), ("MySQL", "MS SQL"), ("HTTP", "HTTPS")];
    for (a, b) in pairs {
        let (two, three) = ([a, b], [a, b, "Übung"]);
        let ascii = Names::of_texts(&two);
        // One name that is not ASCII makes every name wide.
        let wide = Names::of_texts(&three);
        assert!(matches!(ascii.get(0).spaced, Spaced::Ascii(_)));
        assert!(matches!(wide.get(0).spaced, Spaced::Wide(_)));
        assert_eq!(similar(ascii.get(0), ascii.get(1)), similar(wide.get(0), wide.get(1)), "{a} / {b}");
        assert_eq!(one_edit(ascii.get(0), wide.get(1)), one_edit(wide.get(0), wide.get(1)), "{a} / {b}");
        for i in 0..2 {
            let hashes = |names: &Names<'_, &str>| {
                let mut got = Vec::new();
                token_variant_hashes(names.spaced(i), 0, &mut Scratch::default(), |v, h| got.push((v, h)));
                got
            };
            assert_eq!(hashes(&ascii), hashes(&wide));
            assert_eq!(token_variant_count(ascii.spaced(i), 0), token_variant_count(wide.spaced(i), 0));
        }
    }
}

#[test]
fn one_edit_agrees_with_the_edit_distance_on_long_words() {
    let words = ["abcdefgh", "abcdefgx", "abcdefg", "bacdefgh", "abcdefghi", "xabcdefgh", "abcdfegh", "abcd efgh"];
    for a in words {
        for b in words {
            let texts = [a, b];
            let names = Names::of_texts(&texts);
            let distance = trailmap::suggest::levenshtein(a, b, 2);
            let prefix = a.starts_with(b) || b.starts_with(a);
            let expected = a != b && distance == 1 && !prefix && !a.contains(' ') && !b.contains(' ');
            assert_eq!(one_edit(names.get(0), names.get(1)), expected, "{a:?} {b:?}");
        }
    }
}
