package io.hotwatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorHashTest {

  @Test
  void hashesHandlesCaseInsensitivelyAndNeverKeepsThem() {
    AuthorHash hash = new AuthorHash("salt-a");
    String h = hash.of("DCPoliceDept");
    assertThat(h).hasSize(64).matches("[0-9a-f]+").doesNotContainIgnoringCase("police");
    assertThat(hash.of("@dcpolicedept")).isEqualTo(h);
    assertThat(hash.of(" DCPOLICEDEPT ")).isEqualTo(h);
    assertThat(hash.of("SomeoneElse")).isNotEqualTo(h);
    assertThat(new AuthorHash("salt-b").of("DCPoliceDept")).isNotEqualTo(h);
    assertThat(hash.of(null)).isNull();
    assertThat(hash.of("  ")).isNull();
  }
}
