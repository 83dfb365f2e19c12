# Dashboard submissions of the module's builds, as ITK's remote modules submit them.
set(CTEST_PROJECT_NAME "ITKAnalyticalEM")
set(CTEST_NIGHTLY_START_TIME "01:00:00 UTC")
set(CTEST_SUBMIT_URL "https://open.cdash.org/submit.php?project=Insight")
