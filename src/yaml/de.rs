//! Reads typed values straight out of a positioned tree, the way `serde_json::from_value`
//! reads them out of the tree's JSON form ([`Node::to_json`]): scalars resolved under the
//! core schema, maps as maps, lists as lists. A large file read this way never has a
//! second, JSON copy of itself in memory.
//!
//! Only a tree the schema checker found nothing to fix in, and with no null below its root,
//! reads the same both ways (the checker's JSON turns a null where a map or list belongs
//! into an empty one); [`crate::schema::Checker::check_only`] tells when that is so.

use serde::de::{
    self, value::StrDeserializer, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess,
    SeqAccess, Visitor,
};

use super::{Entry, Node, Resolved, Value};

/// Why a tree could not be read as the type asked for.
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Reads a `T` out of `node`.
pub fn from_node<'de, T: serde::Deserialize<'de>>(node: &'de Node) -> Result<T, Error> {
    T::deserialize(NodeDe(node))
}

struct NodeDe<'de>(&'de Node);

impl<'de> Deserializer<'de> for NodeDe<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Null => visitor.visit_unit(),
            Value::Scalar(s) => match s.resolve() {
                Resolved::Null => visitor.visit_unit(),
                Resolved::Bool(b) => visitor.visit_bool(b),
                Resolved::Int(i) => visitor.visit_i64(i),
                // As the JSON form: a float that JSON cannot hold (inf, NaN) is its text.
                Resolved::Float(f) if f.is_finite() => visitor.visit_f64(f),
                Resolved::Float(_) => visitor.visit_borrowed_str(&s.text),
                Resolved::Str(t) => visitor.visit_borrowed_str(t),
            },
            Value::Seq(items) => visitor.visit_seq(Items(items.iter())),
            Value::Map(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Scalar(s) => {
                let text: StrDeserializer<'_, Error> = s.text.as_str().into_deserializer();
                visitor.visit_enum(text)
            }
            _ => Err(de::Error::custom(format!(
                "expected a variant name, found {}",
                self.0.kind()
            ))),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

struct Items<'de>(std::slice::Iter<'de, Node>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|n| seed.deserialize(NodeDe(n)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries<'de> {
    entries: std::slice::Iter<'de, Entry>,
    value: Option<&'de Node>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(&entry.value);
        let key: de::value::BorrowedStrDeserializer<'de, Error> =
            de::value::BorrowedStrDeserializer::new(&entry.key);
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let node = self
            .value
            .take()
            .ok_or_else(|| <Error as de::Error>::custom("a value asked for before its key"))?;
        seed.deserialize(NodeDe(node))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        name: String,
        port: Option<i64>,
        ratio: Option<f64>,
        on: Option<bool>,
        tags: Option<BTreeMap<String, serde_json::Value>>,
        list: Option<Vec<Either>>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(untagged)]
    enum Either {
        Number(i64),
        Map { a: String },
    }

    #[test]
    fn reads_what_the_json_form_reads() {
        let src = "name: web\nport: 0x50\nratio: 1e3\non: TRUE\ntags: {a: \"80\", b: 80, c: 1.50, d: .inf, e: yes}\nlist: [1, {a: x}]\n";
        let node = crate::yaml::parse(src).unwrap();
        let direct: Doc = from_node(&node).unwrap();
        let via_json: Doc = serde_json::from_value(node.to_json()).unwrap();
        assert_eq!(direct, via_json);
        assert_eq!(direct.port, Some(80));
        assert_eq!(
            direct.list,
            Some(vec![Either::Number(1), Either::Map { a: "x".into() }])
        );
    }

    #[test]
    fn an_unknown_key_or_a_wrong_kind_is_an_error_as_with_json() {
        let node = crate::yaml::parse("name: web\nportt: 80\n").unwrap();
        let err = from_node::<Doc>(&node).unwrap_err().to_string();
        assert!(err.contains("unknown field `portt`"), "{err}");
        let node = crate::yaml::parse("name: [web]\n").unwrap();
        assert!(from_node::<Doc>(&node).is_err());
    }
}
