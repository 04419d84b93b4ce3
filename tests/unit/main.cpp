#define BOOST_TEST_MODULE tally
#include <boost/test/unit_test.hpp>
