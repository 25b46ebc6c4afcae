package com.saypro.triage.security;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.web.NotFoundException;

/** Users and tokens for scripts (administrators only): {@code /api/v1/users}, {@code /api/v1/tokens}. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminApiController {

    private final UserAccounts users;
    private final ApiTokens tokens;

    AdminApiController(UserAccounts users, ApiTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    record NewUser(String username, String displayName, String password, List<String> roles) {
    }

    record UserChange(String displayName, List<String> roles, Boolean enabled, String password) {
    }

    record NewToken(String name, List<String> scopes) {
    }

    /** A token as made: {@code token} is its text, returned only in this answer. */
    record IssuedToken(ApiToken info, String token) {
    }

    @GetMapping("/users")
    List<UserAccount> users() {
        return users.list();
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserAccount createUser(@RequestBody NewUser body) {
        return users.create(body.username(), body.displayName(), body.password(),
                AdminPageController.roles(body.roles()));
    }

    @PutMapping("/users/{username}")
    UserAccount updateUser(@PathVariable String username, @RequestBody UserChange body) {
        UserAccount current = users.find(username).orElseThrow(() -> new NotFoundException("There is no user " + username));
        if (body.password() != null) {
            users.setPassword(username, body.password());
        }
        return users.update(username, body.displayName() == null ? current.displayName() : body.displayName(),
                body.roles() == null ? current.roles() : AdminPageController.roles(body.roles()),
                body.enabled() == null ? current.enabled() : body.enabled());
    }

    @GetMapping("/tokens")
    List<ApiToken> tokens() {
        return tokens.list();
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedToken createToken(@RequestBody NewToken body) {
        ApiTokens.Issued issued = tokens.issue(body.name(), AdminPageController.scopes(body.scopes()));
        return new IssuedToken(issued.token(), issued.secret());
    }

    @DeleteMapping("/tokens/{id}")
    ApiToken revokeToken(@PathVariable long id) {
        return tokens.revoke(id);
    }
}
