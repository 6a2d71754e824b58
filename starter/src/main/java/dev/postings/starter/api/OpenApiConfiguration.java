package dev.postings.starter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.starter.contract.ContractOpenApi;
import dev.postings.starter.contract.RequestContract;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}, both open without a key, see
 * FrontDoorSecurity): the /api endpoints and how to authenticate, an API key in {@code X-Api-Key} or as a bearer token.
 */
@Configuration
public class OpenApiConfiguration {

  static final String API_KEY = "apiKey";
  static final String BEARER = "bearer";

  @Bean
  OpenAPI postingsOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Payment postings").version("v1").description("Start payment postings and read them"
            + " (role service: its own service's postings only; another's answers 404); read every posting and act on"
            + " it, re-drive, decode histories for Temporal's UI and CLI (role operator). Every /api call needs an API"
            + " key: 401 without a valid one, 403 when its role may not do what was asked. A path that is not"
            + " canonical is a 400; a body over 64 KiB a 413."))
        .components(new Components()
            .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-Api-Key")
                .description("a key from postings.api.keys; role service or operator"))
            .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("the same API key as a bearer token")))
        .addSecurityItem(new SecurityRequirement().addList(API_KEY))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }

  /** Every request body described by the request contract (JSON Schema), with an example per provider target. */
  @Bean
  ContractOpenApi contractOpenApi(RequestContract contract, ObjectMapper json) {
    return new ContractOpenApi(contract, json);
  }
}
