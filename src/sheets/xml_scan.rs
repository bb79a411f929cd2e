//! A byte-level walker over the XML of an `.xlsx` part, for the two parts that
//! hold a large file's cells: a worksheet's `sheetData` and the shared
//! strings. It reads a buffer that holds only part of the (inflated) stream:
//! a walk that reaches the buffer's end before its unit (a cell, a string)
//! is complete stops with [`Halt::More`], and the caller walks the unit
//! again once more bytes are in. It reads what calamine reads, the same way
//! (see [`super::xlsx_fast`]); it is not a general XML parser: a DOCTYPE is
//! refused (no entity but the five predefined ones and character references).

use memchr::{memchr, memmem};

/// Why a walk stopped before the end of its unit.
#[derive(Debug)]
pub(super) enum Halt {
    /// The buffer ends inside the unit: read more and walk the unit again.
    More,
    /// The XML is broken; the reason is Chinese and completes "（…）".
    Bad(String),
}

/// A walk's result.
pub(super) type Scan<T> = std::result::Result<T, Halt>;

/// A [`Halt::Bad`] with this reason.
pub(super) fn broken<T>(why: impl Into<String>) -> Scan<T> {
    Err(Halt::Bad(why.into()))
}

/// What a tag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TagKind {
    /// `<a …>`
    Start,
    /// `<a …/>`, read as a start and its end (as calamine expands it).
    Empty,
    /// `</a>`
    End,
}

/// One tag: its local name (without a namespace prefix) and its raw
/// attributes (already checked to be well formed).
#[derive(Debug, Clone, Copy)]
pub(super) struct Tag<'a> {
    pub name: &'a [u8],
    pub attrs: &'a [u8],
    pub kind: TagKind,
}

impl Tag<'_> {
    /// Whether this is a start (or empty) tag named `name`.
    pub fn opens(&self, name: &[u8]) -> bool {
        self.kind != TagKind::End && self.name == name
    }
    /// Whether this is the end tag of `name`.
    pub fn closes(&self, name: &[u8]) -> bool {
        self.kind == TagKind::End && self.name == name
    }
}

/// The value of the attribute named `key` (compared whole, prefix
/// included: `xml:space`), raw (not unescaped).
pub(super) fn attr<'a>(attrs: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    find_attr(attrs, |k| k == key)
}

/// The value of the attribute whose local name is `key`, any prefix (`r:id`).
pub(super) fn attr_local<'a>(attrs: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    find_attr(attrs, |k| local(k) == key)
}

fn find_attr(attrs: &[u8], is_key: impl Fn(&[u8]) -> bool) -> Option<&[u8]> {
    each_attr(attrs).find(|(k, _)| is_key(k)).map(|(_, v)| v)
}

/// Every attribute: its name (prefix included) and raw value.
pub(super) fn each_attr(attrs: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut i = 0;
    std::iter::from_fn(move || {
        let eq = i + find_near(b'=', attrs.get(i..)?)?;
        let key = trim(&attrs[i..eq]);
        let open = eq
            + 1
            + attrs[eq + 1..]
                .iter()
                .position(|b| *b == b'"' || *b == b'\'')?;
        let close = open + 1 + find_near(attrs[open], &attrs[open + 1..])?;
        i = close + 1;
        Some((key, &attrs[open + 1..close]))
    })
}

/// [`memchr`] for a byte expected within a few bytes — an end tag's `>`, an
/// attribute's `=` and closing quote (`r="B3"`), a prefix's `:` — of which a
/// sheet holds millions: a plain loop over the first 16 bytes, `memchr`
/// beyond. `memchr`'s dispatch to its vector code costs more than such a
/// short run takes to walk (the 100,000-row ledger: 23 million calls, 7 %
/// of the reading thread's instructions).
#[inline]
fn find_near(needle: u8, hay: &[u8]) -> Option<usize> {
    const NEAR: usize = 16;
    let (head, tail) = hay.split_at(hay.len().min(NEAR));
    head.iter()
        .position(|&b| b == needle)
        .or_else(|| memchr(needle, tail).map(|i| i + NEAR))
}

/// The name without its namespace prefix.
fn local(name: &[u8]) -> &[u8] {
    match find_near(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn trim(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

/// A position in a buffer of XML.
pub(super) struct Cursor<'a> {
    pub buf: &'a [u8],
    pub at: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(buf: &'a [u8], at: usize) -> Cursor<'a> {
        Cursor { buf, at }
    }

    /// The next tag, skipping text, comments, processing instructions and
    /// CDATA sections on the way.
    pub fn next_tag(&mut self) -> Scan<Tag<'a>> {
        loop {
            // Tags mostly follow each other: no search then.
            if self.buf.get(self.at) != Some(&b'<') {
                self.at += memchr(b'<', &self.buf[self.at..]).ok_or(Halt::More)?;
            }
            if let Some(tag) = self.tag_here()? {
                return Ok(tag);
            }
        }
    }

    /// At a `<`: the tag there, or `None` after skipping the markup there.
    fn tag_here(&mut self) -> Scan<Option<Tag<'a>>> {
        let rest = &self.buf[self.at..];
        let Some(&second) = rest.get(1) else {
            return Err(Halt::More);
        };
        match second {
            b'!' => {
                self.skip_markup()?;
                Ok(None)
            }
            b'?' => {
                self.at += find(rest, b"?>")? + 2;
                Ok(None)
            }
            b'/' => {
                let gt = find_near(b'>', rest).ok_or(Halt::More)?;
                let name = local(trim(&rest[2..gt]));
                self.at += gt + 1;
                Ok(Some(Tag {
                    name,
                    attrs: &[],
                    kind: TagKind::End,
                }))
            }
            _ => self.start_tag().map(Some),
        }
    }

    /// A start or empty tag at the cursor, its attributes checked.
    fn start_tag(&mut self) -> Scan<Tag<'a>> {
        let rest = &self.buf[self.at..];
        let name_end = 1 + rest[1..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
            .ok_or(Halt::More)?;
        let name = local(&rest[1..name_end]);
        let mut i = name_end;
        loop {
            while rest.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            match rest.get(i) {
                None => return Err(Halt::More),
                Some(b'>') => {
                    self.at += i + 1;
                    return Ok(Tag {
                        name,
                        attrs: &rest[name_end..i],
                        kind: TagKind::Start,
                    });
                }
                Some(b'/') => {
                    match rest.get(i + 1) {
                        None => return Err(Halt::More),
                        Some(b'>') => {}
                        Some(_) => return broken("标签中出现多余的“/”"),
                    }
                    self.at += i + 2;
                    return Ok(Tag {
                        name,
                        attrs: &rest[name_end..i],
                        kind: TagKind::Empty,
                    });
                }
                Some(_) => {
                    // key="value" or key='value'; a value may hold '>'.
                    let eq = i + find_near(b'=', &rest[i..]).ok_or(Halt::More)?;
                    let mut q = eq + 1;
                    while rest.get(q).is_some_and(u8::is_ascii_whitespace) {
                        q += 1;
                    }
                    let quote = *rest.get(q).ok_or(Halt::More)?;
                    if quote != b'"' && quote != b'\'' {
                        return broken("属性值缺少引号");
                    }
                    i = q + 1 + find_near(quote, &rest[q + 1..]).ok_or(Halt::More)? + 1;
                }
            }
        }
    }

    /// Skips `<!-- … -->`, `<![CDATA[ … ]]>`; refuses a DOCTYPE.
    fn skip_markup(&mut self) -> Scan<()> {
        self.markup().map(|_| ())
    }

    /// At `<!`: passes a comment (`None`) or a CDATA section (its text);
    /// refuses a DOCTYPE.
    fn markup(&mut self) -> Scan<Option<&'a [u8]>> {
        let rest = &self.buf[self.at..];
        if rest.len() < 9 && (b"<![CDATA[".starts_with(rest) || b"<!--".starts_with(rest)) {
            return Err(Halt::More);
        }
        if rest.starts_with(b"<!--") {
            self.at += find(rest, b"-->")? + 3;
            Ok(None)
        } else if rest.starts_with(b"<![CDATA[") {
            let end = find(rest, b"]]>")?;
            self.at += end + 3;
            Ok(Some(&rest[9..end]))
        } else {
            broken("含有 DOCTYPE 等声明，表格文件中不应出现")
        }
    }

    /// The raw text from the cursor to the next `<` (not unescaped), the
    /// cursor left at that `<`.
    pub fn raw_text(&mut self) -> Scan<&'a [u8]> {
        let lt = self.at + memchr(b'<', &self.buf[self.at..]).ok_or(Halt::More)?;
        let text = &self.buf[self.at..lt];
        self.at = lt;
        Ok(text)
    }

    /// Appends the text from the cursor to the next tag to `out`: entities
    /// and character references resolved, CDATA sections as written,
    /// comments left out, line ends as XML 1.0 reads them ("\r\n" and "\r"
    /// become "\n"). The cursor is left at the tag.
    pub fn text_into(&mut self, out: &mut String) -> Scan<()> {
        loop {
            let text = self.raw_text()?;
            unescape_into(text, out)?;
            match self.buf.get(self.at + 1) {
                None => return Err(Halt::More),
                Some(b'!') => {
                    if let Some(cdata) = self.markup()? {
                        push_text(cdata, out)?;
                    }
                }
                Some(_) => return Ok(()),
            }
        }
    }

    /// Walks to the end tag of `name` (the start already read), skipping
    /// everything inside.
    pub fn skip_to_end(&mut self, name: &[u8]) -> Scan<()> {
        loop {
            if self.next_tag()?.closes(name) {
                return Ok(());
            }
        }
    }
}

/// The offset of `pat` in `hay`, or [`Halt::More`].
fn find(hay: &[u8], pat: &[u8]) -> Scan<usize> {
    memmem::find(hay, pat).ok_or(Halt::More)
}

/// Appends text with entities resolved and line ends normalised.
pub(super) fn unescape_into(text: &[u8], out: &mut String) -> Scan<()> {
    let mut rest = text;
    while let Some(amp) = memchr(b'&', rest) {
        push_text(&rest[..amp], out)?;
        let semi = memchr(b';', &rest[amp..]).ok_or_else(|| bad_entity(&rest[amp..]))? + amp;
        let entity = &rest[amp + 1..semi];
        let c = match entity {
            b"lt" => '<',
            b"gt" => '>',
            b"amp" => '&',
            b"quot" => '"',
            b"apos" => '\'',
            [b'#', b'x' | b'X', hex @ ..] => char_ref(hex, 16, entity)?,
            [b'#', dec @ ..] => char_ref(dec, 10, entity)?,
            _ => return Err(bad_entity(entity)),
        };
        out.push(c);
        rest = &rest[semi + 1..];
    }
    push_text(rest, out)
}

fn char_ref(digits: &[u8], radix: u32, entity: &[u8]) -> Scan<char> {
    std::str::from_utf8(digits)
        .ok()
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_hexdigit()))
        .and_then(|d| u32::from_str_radix(d, radix).ok())
        .and_then(char::from_u32)
        .ok_or_else(|| bad_entity(entity))
}

fn bad_entity(entity: &[u8]) -> Halt {
    let shown: String = String::from_utf8_lossy(entity).chars().take(20).collect();
    Halt::Bad(format!("无法识别的字符引用“&{shown}”"))
}

/// Appends UTF-8 text, "\r\n" and "\r" read as "\n".
fn push_text(text: &[u8], out: &mut String) -> Scan<()> {
    let text = utf8(text)?;
    if memchr(b'\r', text.as_bytes()).is_none() {
        out.push_str(text);
    } else {
        out.push_str(&text.replace("\r\n", "\n").replace('\r', "\n"));
    }
    Ok(())
}

/// The bytes as UTF-8 text, or why not.
pub(super) fn utf8(b: &[u8]) -> Scan<&str> {
    simdutf8::basic::from_utf8(b).or_else(|_| broken("文字不是有效的 UTF-8 编码"))
}

/// Reads a string item (`<si>` of the shared strings, `<is>` of a cell) as
/// calamine does, its start tag already read: the text of its `<t>`
/// elements run together, phonetic runs (`<rPh>`) left out, each `<t>`
/// trimmed of ASCII white space unless `xml:space="preserve"`, then Excel's
/// `_xHHHH_` escapes resolved. An item without text is "".
pub(super) fn string_item(cur: &mut Cursor<'_>, start: Tag<'_>, out: &mut String) -> Scan<()> {
    if start.kind == TagKind::Empty {
        return Ok(());
    }
    let closing = start.name;
    let mut phonetic = false;
    loop {
        let tag = cur.next_tag()?;
        if tag.closes(closing) {
            return Ok(());
        }
        match (tag.name, tag.kind) {
            (b"rPh", TagKind::Start) => phonetic = true,
            (b"rPh", TagKind::End) => phonetic = false,
            (b"t", TagKind::Start | TagKind::Empty) if !phonetic => {
                // Each cell of a sheet with inline strings comes here: the
                // run's text goes straight into `out`, then is trimmed and
                // unescaped there (no buffer of its own to allocate).
                let preserve = attr(tag.attrs, b"xml:space") == Some(b"preserve");
                let from = out.len();
                if tag.kind == TagKind::Start {
                    loop {
                        cur.text_into(out)?;
                        if cur.next_tag()?.closes(b"t") {
                            break;
                        }
                    }
                }
                if !preserve {
                    trim_run(out, from);
                }
                if memchr(b'_', &out.as_bytes()[from..]).is_some() {
                    let run = out.split_off(from);
                    push_unescaped_excel(&run, out);
                }
            }
            _ => {}
        }
    }
}

/// Trims XML's white space off both ends of the run `out[from..]`, in place.
fn trim_run(out: &mut String, from: usize) {
    const BLANKS: [char; 4] = [' ', '\t', '\r', '\n'];
    let end = from + out[from..].trim_end_matches(BLANKS).len();
    out.truncate(end);
    let lead = out[from..].len() - out[from..].trim_start_matches(BLANKS).len();
    if lead > 0 {
        out.drain(from..from + lead);
    }
}

/// Appends `text` with Excel's `_xHHHH_` escapes (UTF-16 code units,
/// surrogate pairs as two escapes) resolved, as calamine does.
pub(super) fn push_unescaped_excel(text: &str, out: &mut String) {
    out.reserve(text.len());
    let b = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr(b'_', &b[i..]) {
        let at = i + off;
        let Some(unit) = excel_escape(b, at) else {
            i = at + 1;
            continue;
        };
        out.push_str(&text[copied..at]);
        let mut next = at + 7;
        let c = match unit {
            0xD800..=0xDBFF => match excel_escape(b, next) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    next += 7;
                    let cp =
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER)
                }
                _ => char::REPLACEMENT_CHARACTER,
            },
            0xDC00..=0xDFFF => char::REPLACEMENT_CHARACTER,
            u => char::from_u32(u32::from(u)).unwrap_or(char::REPLACEMENT_CHARACTER),
        };
        out.push(c);
        copied = next;
        i = next;
    }
    out.push_str(&text[copied..]);
}

/// The code unit of an `_xHHHH_` escape at `at`.
fn excel_escape(b: &[u8], at: usize) -> Option<u16> {
    let e = b.get(at..at + 7)?;
    if e[0] != b'_' || e[1] != b'x' || e[6] != b'_' || !e[2..6].iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u16::from_str_radix(std::str::from_utf8(&e[2..6]).ok()?, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(xml: &str) -> String {
        let mut cur = Cursor::new(xml.as_bytes(), 0);
        let start = cur.next_tag().unwrap();
        let mut out = String::new();
        string_item(&mut cur, start, &mut out).unwrap();
        out
    }

    #[test]
    fn a_near_byte_is_found_where_memchr_finds_it() {
        for len in 0..40 {
            for at in 0..=len {
                // The byte at `at` (none when `at == len`), and one more after it.
                let mut hay = vec![b'a'; len];
                if at < len {
                    hay[at] = b'>';
                    if at + 3 < len {
                        hay[at + 3] = b'>';
                    }
                }
                assert_eq!(find_near(b'>', &hay), memchr(b'>', &hay), "{len} {at}");
            }
        }
    }

    #[test]
    fn string_items_read_as_calamine_reads_them() {
        assert_eq!(item("<si><t> a &amp; b </t></si>"), "a & b");
        assert_eq!(item("<si><t xml:space=\"preserve\"> a </t></si>"), " a ");
        assert_eq!(
            item("<si><r><t>甲</t></r><r><rPr/><t>乙</t></r><rPh><t>ぴ</t></rPh></si>"),
            "甲乙"
        );
        assert_eq!(item("<si/>"), "");
        assert_eq!(item("<si><t/></si>"), "");
        assert_eq!(
            item("<si><t>a_x000D_b_x005F_x000D_</t></si>"),
            "a\rb_x000D_"
        );
        assert_eq!(item("<si><t>_xD83D__xDCF7_</t></si>"), "📷");
        assert_eq!(
            item("<si><t>1\r\n2<![CDATA[<x>]]>&#x4E2D;&#25991;</t></si>"),
            "1\n2<x>中文"
        );
        assert_eq!(item("<x:si><x:t>前缀</x:t></x:si>"), "前缀");
        // Each run trimmed and unescaped on its own, a run unescaped once.
        assert_eq!(
            item("<si><r><t> 甲 </t></r><r><t xml:space=\"preserve\"> 乙 </t></r><r><t> \n</t></r></si>"),
            "甲 乙 "
        );
        assert_eq!(
            item("<si><r><t>_x005F_x0041_</t></r><r><t> b_x0043__ </t></r></si>"),
            "_x0041_bC_"
        );
    }

    #[test]
    fn a_unit_cut_by_the_buffer_asks_for_more() {
        let whole = "<si><t a='>'>abc</t></si>";
        for cut in 1..whole.len() {
            let mut cur = Cursor::new(&whole.as_bytes()[..cut], 0);
            let got = cur
                .next_tag()
                .and_then(|t| string_item(&mut cur, t, &mut String::new()));
            assert!(matches!(got, Err(Halt::More)), "cut at {cut}: {got:?}");
        }
    }

    #[test]
    fn broken_markup_and_entities_are_refused() {
        let bad = |xml: &str| {
            let mut cur = Cursor::new(xml.as_bytes(), 0);
            let got = cur
                .next_tag()
                .and_then(|t| string_item(&mut cur, t, &mut String::new()));
            matches!(got, Err(Halt::Bad(_)))
        };
        assert!(bad("<si><t>&bogus;</t></si>"));
        assert!(bad("<si><t>&#xD800;</t></si>"));
        assert!(bad("<!DOCTYPE x [<!ENTITY a 'b'>]><si/>"));
        assert!(bad("<si><t a=b>x</t></si>"));
    }

    #[test]
    fn attributes_by_name_and_by_local_name() {
        let attrs = " name=\"表 1\" r:id='rId3' state=\"hidden\"".as_bytes();
        assert_eq!(attr(attrs, b"name"), Some("表 1".as_bytes()));
        assert_eq!(attr_local(attrs, b"id"), Some(&b"rId3"[..]));
        assert_eq!(attr(attrs, b"id"), None);
        assert_eq!(attr(attrs, b"state"), Some(&b"hidden"[..]));
    }
}
