// ssmd/env.hpp: the one way the host and the plugins read boolean and numeric environment variables, and
// name the variables that carry secret fields.
#include <ssmd/env.hpp>

#include <gtest/gtest.h>

#include <cstdlib>

using namespace ssmd::env;

TEST(EnvValues, BooleansAreOnOffOrRefused) {
  for (const char *on : {"1", "true", "TRUE", "True", "yes", "YES", "on", "On"}) EXPECT_EQ(parse_boolean(on), true) << on;
  for (const char *off : {"", "0", "false", "False", "no", "NO", "off", "oFF"}) EXPECT_EQ(parse_boolean(off), false) << off;
  for (const char *bad : {"2", "-1", "maybe", "locked", " 1", "1 ", "y", "n", "tru", "enabled", "01"})
    EXPECT_EQ(parse_boolean(bad), std::nullopt) << bad;
}

TEST(EnvValues, NumbersAreWholeDecimalNumbersWithinBounds) {
  EXPECT_EQ(parse_whole_number("0", 0, 10), 0);
  EXPECT_EQ(parse_whole_number("10", 0, 10), 10);
  EXPECT_EQ(parse_whole_number("007", 0, 10), 7);
  for (const char *bad : {"", "abc", "-5", "+5", "1.5", " 5", "5 ", "11", "0x10", "1e3", "99999999999999999999999"})
    EXPECT_EQ(parse_whole_number(bad, 0, 10), std::nullopt) << bad;
}

TEST(EnvValues, VariablesNameThemselvesAndWhatTheyAccept) {
  std::string error;
  ::unsetenv("SSMD_TEST_FLAG");
  EXPECT_EQ(boolean_variable("SSMD_TEST_FLAG", true, error), true) << "unset gives the default";
  ::setenv("SSMD_TEST_FLAG", "", 1);
  EXPECT_EQ(boolean_variable("SSMD_TEST_FLAG", true, error), false) << "empty is off";
  ::setenv("SSMD_TEST_FLAG", "maybe", 1);
  EXPECT_EQ(boolean_variable("SSMD_TEST_FLAG", false, error), std::nullopt);
  EXPECT_EQ(error, "SSMD_TEST_FLAG is 'maybe'; expected 1, true, yes or on for on; 0, false, no, off or empty for off");
  ::unsetenv("SSMD_TEST_FLAG");

  ::setenv("SSMD_TEST_NUMBER", "", 1);
  EXPECT_EQ(number_variable("SSMD_TEST_NUMBER", 1, 9, 5, error), 5) << "empty is unset";
  ::setenv("SSMD_TEST_NUMBER", "abc", 1);
  EXPECT_EQ(number_variable("SSMD_TEST_NUMBER", 1, 9, 5, error), std::nullopt);
  EXPECT_EQ(error, "SSMD_TEST_NUMBER is 'abc'; expected a whole number from 1 to 9");
  ::unsetenv("SSMD_TEST_NUMBER");
}

TEST(EnvValues, SecretFieldVariablesAreSsmdKeyFieldUpperCased) {
  EXPECT_EQ(secret_variable_name("kalshi", "private_key"), "SSMD_KALSHI_PRIVATE_KEY");
  EXPECT_EQ(secret_variable_name("kalshi-prod", "api.key"), "SSMD_KALSHI_PROD_API_KEY");
  EXPECT_EQ(secret_variable_name("Poly2", "Secret"), "SSMD_POLY2_SECRET");
  // Every byte that is not an ASCII letter or digit is one '_', a UTF-8 letter's two bytes two of them.
  EXPECT_EQ(secret_variable_name("k\xc3\xa9y", "f/g h"), "SSMD_K__Y_F_G_H");
  EXPECT_TRUE(valid_variable_name(secret_variable_name("a-b.c", "d")));
}

TEST(EnvValues, VariableNamesArePosixPortable) {
  for (const char *good : {"A", "_", "_x9", "SSMD_KALSHI_API_KEY", "lower_case"}) EXPECT_TRUE(valid_variable_name(good)) << good;
  for (const char *bad : {"", "9A", "A-B", "A.B", "A B", "A=B", "\xc3\xa9"}) EXPECT_FALSE(valid_variable_name(bad)) << bad;
  EXPECT_TRUE(valid_variable_name(std::string(255, 'A')));
  EXPECT_FALSE(valid_variable_name(std::string(256, 'A')));
}
