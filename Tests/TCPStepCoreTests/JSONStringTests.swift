import Testing
@testable import TCPStepCore

/// The one JSON string escaper (trace contract, HTML player data): exact outputs, and agreement
/// with a scalar-by-scalar reference on random text of every kind the exports carry.
@Suite struct JSONStringTests {
    /// The escaping rules written the plain way, one Unicode scalar at a time.
    static func reference(_ value: String, forScript: Bool) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "<" where forScript: out += "\\u003c"
            case ">" where forScript: out += "\\u003e"
            case "&" where forScript: out += "\\u0026"
            case "\u{2028}" where forScript: out += "\\u2028"
            case "\u{2029}" where forScript: out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    @Test func exactOutputs() {
        #expect(JSONString.quoted("plain") == "\"plain\"")
        #expect(JSONString.quoted("say \"hi\"\\ok\n\tx\u{1}") == "\"say \\\"hi\\\"\\\\ok\\n\\tx\\u0001\"")
        #expect(JSONString.quoted("</script> & →") == "\"</script> & →\"")
        #expect(JSONString.quoted("</script> & →", forScript: true) == "\"\\u003c/script\\u003e \\u0026 →\"")
        #expect(JSONString.quoted("a\u{2028}b\u{2029}c", forScript: true) == "\"a\\u2028b\\u2029c\"")
        #expect(JSONString.quoted("a\u{2028}b") == "\"a\u{2028}b\"")
        #expect(JSONString.quoted("客户端 → 服务器：SYN\u{1F}", forScript: true) == "\"客户端 → 服务器：SYN\\u001f\"")
        #expect(JSONString.quoted("") == "\"\"")
    }

    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func agreesWithTheReference(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let alphabet: [Unicode.Scalar] = ["a", "Z", " ", "\"", "\\", "\n", "\t", "\u{0}", "\u{1F}", "<", ">", "&", "/",
                                          "\u{2028}", "\u{2029}", "\u{2192}", "\u{2026}", "\u{E2}", "服", "\u{301}", "\u{1F680}", "\u{7F}"]
        for _ in 0 ..< 500 {
            var text = ""
            for _ in 0 ..< Int(random.next() % 24) {
                text.unicodeScalars.append(alphabet[Int(random.next() % UInt64(alphabet.count))])
            }
            for forScript in [false, true] {
                #expect(JSONString.quoted(text, forScript: forScript) == Self.reference(text, forScript: forScript))
            }
        }
    }
}
