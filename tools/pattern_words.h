// The words of an RE2 pattern, for using a signature's clause patterns as
// examples of their kind: escapes and character classes ("\p{Han}", "\d",
// "[0-9.,]*"), groups and quantifiers become spaces, alternatives all stay.
// 'governed by (?:and construed in accordance with )?the laws? of' gives
// "governed by and construed in accordance with the laws of".
#pragma once

#include <string>
#include <string_view>

namespace oblige::tools {

std::string pattern_words(std::string_view pattern);

}  // namespace oblige::tools
